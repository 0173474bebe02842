package events

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/triggerkit/triggerkit/validate"
)

// The request bodies are package validate's, so that a request validated
// with validate is the one sent.
type (
	// ReportRequest is the body of Report Event.
	ReportRequest = validate.ReportEvent
	// CancelRequest is the body of Cancel Event.
	CancelRequest = validate.CancelEvent
	// BulkReportRequest is the body of Bulk Report Event.
	BulkReportRequest = validate.BulkReportEvent
	// BulkCancelRequest is the body of Bulk Cancel Event.
	BulkCancelRequest = validate.BulkCancelEvent
	// EventInfo is one event of a Bulk Report Event.
	EventInfo = validate.EventInfo
	// Idempotency is the idempotency block of a report.
	Idempotency = validate.Idempotency
)

// The paths of the four calls, under the base URL.
const (
	PathReport     = "/automations/v1/events/report"
	PathCancel     = "/automations/v1/events/cancel"
	PathBulkReport = "/automations/v1/events/bulk-report"
	PathBulkCancel = "/automations/v1/events/bulk-cancel"
)

// DefaultBaseURL is Wix's REST API.
const DefaultBaseURL = "https://www.wixapis.com"

// DefaultTTL is Wix's default idempotency TTL, one week, in milliseconds.
const DefaultTTL = "604800000"

// Wix's application codes that the calls answer with.
const (
	CodeSchemaValidationFailed = "SCHEMA_VALIDATION_FAILED" // 428
	CodeRequiredProperty       = "REQUIRED_PROPERTY"        // 400, missing payload
	CodeInvalidArgument        = "INVALID_ARGUMENT"         // 400
	CodePermissionDenied       = "PERMISSION_DENIED"        // 403, the trigger is not the app's
)

// ReportResponse is the answer of Report Event.
type ReportResponse struct {
	// ActivationIDs are the activations the report started (at most 100).
	// A report ignored because its idempotency key was seen has none.
	ActivationIDs []string `json:"activationIds"`
}

// CancelResponse is the answer of Cancel Event, an empty object.
type CancelResponse struct{}

// ItemError is the error of one item of a bulk call.
type ItemError struct {
	Code        string          `json:"code"`
	Description string          `json:"description"`
	Data        json.RawMessage `json:"data,omitempty"`
}

// ItemMetadata is the outcome of one item of a bulk call.
type ItemMetadata struct {
	ID string `json:"id,omitempty"`
	// OriginalIndex is the item's index in the request. The client
	// rewrites it to the index in the caller's request when it splits a
	// bulk call.
	OriginalIndex int        `json:"originalIndex"`
	Success       bool       `json:"success"`
	Error         *ItemError `json:"error,omitempty"`
}

// BulkActionMetadata counts the outcomes of a bulk call.
type BulkActionMetadata struct {
	TotalSuccesses     int `json:"totalSuccesses"`
	TotalFailures      int `json:"totalFailures"`
	UndetailedFailures int `json:"undetailedFailures"`
}

func (m *BulkActionMetadata) add(o BulkActionMetadata) {
	m.TotalSuccesses += o.TotalSuccesses
	m.TotalFailures += o.TotalFailures
	m.UndetailedFailures += o.UndetailedFailures
}

// BulkReportResult is the outcome of one event of a Bulk Report Event.
type BulkReportResult struct {
	ItemMetadata  ItemMetadata `json:"itemMetadata"`
	EventInfo     *EventInfo   `json:"eventInfo,omitempty"`
	ActivationIDs []string     `json:"activationIds,omitempty"`
}

// BulkReportResponse is the answer of Bulk Report Event.
type BulkReportResponse struct {
	TriggerKey         string             `json:"triggerKey"`
	Results            []BulkReportResult `json:"results"`
	BulkActionMetadata BulkActionMetadata `json:"bulkActionMetadata"`
}

// BulkCancelResult is the outcome of one ID of a Bulk Cancel Event.
type BulkCancelResult struct {
	ItemMetadata     ItemMetadata `json:"itemMetadata"`
	ExternalEntityID string       `json:"externalEntityId"`
}

// BulkCancelResponse is the answer of Bulk Cancel Event.
type BulkCancelResponse struct {
	Results            []BulkCancelResult `json:"results"`
	BulkActionMetadata BulkActionMetadata `json:"bulkActionMetadata"`
}

// errorBody is Wix's error answer: a message and either an application
// error or a validation error.
type errorBody struct {
	Message string       `json:"message"`
	Details errorDetails `json:"details"`
}

type errorDetails struct {
	ApplicationError *applicationError `json:"applicationError,omitempty"`
	ValidationError  *validationError  `json:"validationError,omitempty"`
}

type applicationError struct {
	Code        string          `json:"code"`
	Description string          `json:"description"`
	Data        json.RawMessage `json:"data,omitempty"`
}

type validationError struct {
	FieldViolations []FieldViolation `json:"fieldViolations"`
}

// FieldViolation is one entry of Wix's validationError details.
type FieldViolation struct {
	Field        string          `json:"field"`
	Description  string          `json:"description"`
	ViolatedRule string          `json:"violatedRule,omitempty"`
	RuleName     string          `json:"ruleName,omitempty"`
	Data         json.RawMessage `json:"data,omitempty"`
}

// Violation is a payload or request violation as the emulator sends it in
// the data of a SCHEMA_VALIDATION_FAILED error: the JSON Pointer into the
// request body, the rule ID (TK9xxx) and name, the severity and the message.
type Violation struct {
	Pointer  string `json:"pointer"`
	Rule     string `json:"rule"`
	RuleName string `json:"ruleName,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// violationData is the data of the emulator's SCHEMA_VALIDATION_FAILED.
type violationData struct {
	Violations []Violation `json:"violations"`
}

// APIError is an error answer of the API: a status of 400 or more.
type APIError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Message is Wix's message; empty for system errors, which Wix sends
	// with an empty body.
	Message string
	// Code is the application error's code (SCHEMA_VALIDATION_FAILED,
	// REQUIRED_PROPERTY, ...), or "" when the answer has none.
	Code string
	// Description and Data are the rest of the application error.
	Description string
	Data        json.RawMessage
	// FieldViolations are the entries of a validationError answer.
	FieldViolations []FieldViolation
	// Violations are the payload violations the emulator adds to a
	// SCHEMA_VALIDATION_FAILED answer; Wix itself sends none.
	Violations []Violation
	// RetryAfter is the Retry-After header, as sent.
	RetryAfter string
	// Body is the answer's body when it is not Wix's error shape.
	Body []byte
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "wix answered %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if n := len(e.Violations) + len(e.FieldViolations); n > 0 {
		fmt.Fprintf(&b, " (%d violations)", n)
	}
	return b.String()
}

// Temporary reports whether the call may succeed if repeated: a 429 or a
// 5xx answer.
func (e *APIError) Temporary() bool { return e.StatusCode == 429 || e.StatusCode >= 500 }

// parseAPIError reads an error answer.
func parseAPIError(status int, retryAfter string, body []byte) *APIError {
	e := &APIError{StatusCode: status, RetryAfter: retryAfter}
	var eb errorBody
	if len(body) == 0 {
		return e
	}
	if err := json.Unmarshal(body, &eb); err != nil {
		e.Body = body
		return e
	}
	e.Message = eb.Message
	if ae := eb.Details.ApplicationError; ae != nil {
		e.Code, e.Description, e.Data = ae.Code, ae.Description, ae.Data
		var vd violationData
		if len(ae.Data) > 0 && json.Unmarshal(ae.Data, &vd) == nil {
			e.Violations = vd.Violations
		}
	}
	if ve := eb.Details.ValidationError; ve != nil {
		e.FieldViolations = ve.FieldViolations
	}
	return e
}

// UnknownTriggerError is a trigger key that the client's registry has no
// schema for. The request was not sent.
type UnknownTriggerError struct {
	TriggerKey string
}

func (e *UnknownTriggerError) Error() string {
	return fmt.Sprintf("unknown trigger key %q: the registry has no schema for it", e.TriggerKey)
}

// ChunkError is the failure of one call of a bulk request the client split
// into several. The response returned with it holds the results of the
// calls before.
type ChunkError struct {
	// Start and End delimit the failed call's items in the caller's
	// request (End exclusive).
	Start, End int
	Err        error
}

func (e *ChunkError) Error() string {
	return fmt.Sprintf("items %d to %d: %v", e.Start, e.End-1, e.Err)
}

func (e *ChunkError) Unwrap() error { return e.Err }
