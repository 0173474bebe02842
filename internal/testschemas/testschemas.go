// Package testschemas makes the schemas that benchmarks and comparison
// scripts share, so that each is written once.
package testschemas

import (
	"fmt"
	"strings"
)

// Schema200 writes a 200-property trigger schema: strings with formats,
// integers, drop-downs, MONEY objects and arrays of objects, in turn. With
// changed it writes the second version of the pair: every tenth property
// changed in one of ten ways, 20 changes with their example payloads in
// all. The diff and process benchmarks and scripts/bench-oasdiff compare
// the two.
func Schema200(changed bool) string {
	var props, required []string
	for i := 0; i < 200; i++ {
		name := fmt.Sprintf("field%03d", i)
		var p string
		switch i % 5 {
		case 0:
			p = `{"type": "string", "format": "uuid", "title": "Field %d", "description": "An ID.", "examples": ["6b8f3a52-1c9d-4e27-8f41-0d2c7a9b5e13"]}`
		case 1:
			p = `{"type": "integer", "title": "Field %d", "description": "A count.", "examples": [3]}`
		case 2:
			p = `{"type": "string", "title": "Field %d", "description": "A state.", "examples": ["open"], "oneOf": [{"type": "string", "const": "open", "title": "Open"}, {"type": "string", "const": "closed", "title": "Closed"}]}`
		case 3:
			p = `{"type": "object", "wixCustomType": "MONEY", "title": "Field %d", "description": "A price.", "examples": [{"value": "1.00", "currency": "EUR"}], "required": ["value", "currency"], "properties": {"value": {"type": "string", "format": "DECIMAL_VALUE", "title": "Value", "description": "The amount."}, "currency": {"type": "string", "title": "Currency", "description": "The code."}}}`
		case 4:
			p = `{"type": "array", "title": "Field %d", "description": "Items.", "examples": [[{"name": "a", "qty": 1}]], "items": {"type": "object", "title": "Item", "required": ["name"], "properties": {"name": {"type": "string", "title": "Name", "description": "The name."}, "qty": {"type": "integer", "title": "Qty", "description": "How many."}}}}`
		}
		p = fmt.Sprintf(p, i)
		if changed && i%10 == 0 {
			switch i / 10 % 10 {
			case 0:
				p = strings.Replace(p, `"uuid"`, `"uri"`, 1)
			case 1:
				name += "_renamed"
			case 2:
				p = strings.Replace(p, `"title": "Field`, `"title": "Renamed field`, 1)
			case 3:
				continue // removed
			case 4:
				required = append(required, `"`+name+`"`)
			case 5:
				p = strings.Replace(p, `"type": "string"`, `"type": "integer"`, 1)
			case 6:
				p = strings.Replace(p, `"description": "An ID."`, `"description": "The ID."`, 1)
			case 7:
				p = strings.Replace(p, `"format": "uuid"`, `"format": "uuid", "identityType": "contact"`, 1)
			case 8:
				p = strings.Replace(p, `"format": "uuid", `, ``, 1)
			case 9:
				p = strings.Replace(p, `"examples"`, `"wixCustomType": "ORDER_ID", "examples"`, 1)
			}
		}
		if i%7 == 0 {
			required = append(required, `"`+name+`"`)
		}
		props = append(props, fmt.Sprintf("    %q: %s", name, p))
	}
	return "{\n  \"type\": \"object\",\n  \"title\": \"Two hundred\",\n  \"required\": [" + strings.Join(required, ", ") +
		"],\n  \"properties\": {\n" + strings.Join(props, ",\n") + "\n  }\n}\n"
}
