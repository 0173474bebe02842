package generate

import (
	"fmt"
)

// Note is one change the generator made to fit the dialect, or one thing it
// could not decide, for the user to review.
type Note struct {
	Kind    NoteKind
	Source  string // where in the samples: a JSON Pointer into the first sample with it
	Key     string // the output key: "name", or "array.name" for an item's
	Message string
}

// NoteKind groups notes for a summary.
type NoteKind uint8

// The kinds of note.
const (
	NoteFlattened  NoteKind = iota // an object flattened into keys
	NoteRenamed                    // a key sanitised, numbered or shortened
	NoteArray                      // array elements wrapped, spliced or left out
	NoteType                       // a type decided from mixed or missing values
	NoteLeftOut                    // a property left out
	NoteFormat                     // a format inferred
	NoteAnnotation                 // a custom type, identityType or futureDate inferred, suggested or set
	NoteExample                    // an example chosen or dropped
	NoteJSON                       // a string read as the JSON it holds, or an envelope
	NoteAdded                      // Update: a property added to the existing schema
	NoteVanished                   // Update: a property of the existing schema no sample holds, kept
	NoteWidened                    // Update: a type, format or required list widened for the samples
	numNoteKinds
)

var noteKindNames = [numNoteKinds]string{
	"keys flattened", "keys renamed or shortened", "arrays reshaped", "types decided from mixed or missing values",
	"properties left out", "formats inferred", "annotations inferred or suggested", "examples chosen", "JSON strings and envelopes read",
	"properties added", "properties no sample holds, kept", "types, formats or required widened",
}

func (k NoteKind) String() string {
	if k < numNoteKinds {
		return noteKindNames[k]
	}
	return "notes"
}

// SummarizeNotes returns one line per kind of note, in kind order: the
// note itself when it is the only one of its kind, else "N <kind>".
func SummarizeNotes(notes []Note) []string {
	var count [numNoteKinds + 1]int
	var only [numNoteKinds + 1]Note
	for _, n := range notes {
		k := min(n.Kind, numNoteKinds)
		count[k]++
		only[k] = n
	}
	var out []string
	for k := range count {
		switch {
		case count[k] == 1:
			out = append(out, only[k].String())
		case count[k] > 1:
			out = append(out, fmt.Sprintf("%d %s", count[k], NoteKind(k)))
		}
	}
	return out
}

func (n Note) String() string {
	src := n.Source
	if src == "" {
		src = "/"
	}
	return fmt.Sprintf("%s -> %s: %s", src, n.Key, n.Message)
}
