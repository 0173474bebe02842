package events

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// decodeMessage describes, in the project's words, why a JSON body (what:
// "request body", "fault") could not be decoded; no Go type is named.
func decodeMessage(what string, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("%s is not valid JSON: %s at byte %d", what, strings.TrimPrefix(se.Error(), "json: "), se.Offset)
	case errors.As(err, &te):
		got, want := jsonValue(te.Value), jsonWant(te.Type)
		if te.Field == "" {
			return fmt.Sprintf("%s is %s, want %s", what, got, want)
		}
		return fmt.Sprintf("%s field %q is %s, want %s", what, te.Field, got, want)
	}
	return fmt.Sprintf("%s cannot be read", what)
}

// jsonValue names the JSON value of an UnmarshalTypeError: "array",
// "bool", "number 1.5" and so on.
func jsonValue(v string) string {
	switch v {
	case "object", "array":
		return "an " + v
	case "string", "number":
		return "a " + v
	case "bool":
		return "a boolean"
	}
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return "the number " + n
	}
	return "another value"
}

// jsonWant names the JSON value a Go type decodes from.
func jsonWant(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer from 0"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Pointer:
		return jsonWant(t.Elem())
	}
	return "another value"
}
