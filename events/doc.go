// Package events reports Wix Automations events: a client for Report
// Event, Cancel Event, Bulk Report Event and Bulk Cancel Event that
// validates every payload against its trigger's schema before it sends, and
// an emulator of the same four endpoints for tests and local development.
//
// # Client
//
// A Client sends the calls of section 4 of the specification to
// https://www.wixapis.com/automations/v1/events/... (or any base URL). It
// looks the trigger key up in a Registry of compiled payload schemas and
// validates the request first: an invalid request never leaves the process
// and returns a *validate.ValidationError holding every violation, and a
// trigger key the registry does not know returns an *UnknownTriggerError.
//
// A report without an idempotency key gets one derived from the trigger
// key, the external entity ID and the payload (see IdempotencyKey), so that
// a retried report is ignored by Wix instead of running the automation
// twice. Calls that carry an idempotency key are retried on network errors,
// 429 and 5xx answers, with exponential backoff and full jitter, honouring
// Retry-After, bounded by Options.MaxAttempts and by the context; 4xx
// answers are never retried. Wix's error answers become *APIError values
// with the HTTP status, Wix's application code and details.
//
// Bulk calls of more than 100 items are split into calls of at most 100,
// and their per-item results merged in the original order, each with its
// originalIndex in the caller's request.
//
// # Emulator
//
// NewEmulator serves the four endpoints at Wix's paths with Wix's request
// and response shapes, validating payloads with the same validator and
// answering a mismatch with 428 SCHEMA_VALIDATION_FAILED plus every
// violation with its pointer and rule ID. It keeps idempotency keys for
// their TTL, pending activations until they are canceled, and a log of what
// it reported, canceled and refused for tests to inspect
// (GET and DELETE /_emulator/events). Faults can be injected to test a
// client's retries. `triggerlint serve` runs it; package eventstest starts
// it inside a Go test.
package events
