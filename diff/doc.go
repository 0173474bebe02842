// Package diff classifies the changes between two versions of a trigger's
// payload schema by whom they break.
//
// [Compare] walks two parsed [schema.Document] values and returns one
// [Change] per difference (a property added, removed or renamed; a type,
// format or custom type changed; an option of a oneOf dropped; an annotation
// such as identityType or futureDate moved), each with a kind from [Kinds]
// (TKD IDs, documented in docs/changes.md), the pointers on both sides, and
// for breaking changes an example payload that one version accepts and the
// other refuses, or that automations treat differently.
package diff
