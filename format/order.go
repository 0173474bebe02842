package format

import "github.com/triggerkit/triggerkit/schema"

// The ranks of the keys of a schema object, in their canonical order. Keys
// of equal rank keep their original order; only unknown keys share one.
const (
	rankSchema = iota
	rankID
	rankType
	rankOptionConst // "const" in an option of "oneOf": the value before its label
	rankTitle
	rankDescription
	rankFormat
	rankIdentityType
	rankFutureDate
	rankWixCustomType
	rankComment
	rankDeprecated
	rankReadOnly
	rankWriteOnly
	rankEnum
	rankConst
	rankExamples
	rankExample
	rankDefault
	rankItems
	rankProperties
	rankAdditionalProperties
	rankOneOf
	rankRequired
	rankUnknown
	numRanks
)

// rank returns the place of a key in a schema object; option says the
// object is an option of "oneOf".
func rank(name string, option bool) int {
	switch name {
	case "$schema":
		return rankSchema
	case "$id":
		return rankID
	case "type":
		return rankType
	case "title":
		return rankTitle
	case "description":
		return rankDescription
	case "format":
		return rankFormat
	case "identityType":
		return rankIdentityType
	case "futureDate":
		return rankFutureDate
	case "wixCustomType":
		return rankWixCustomType
	case "$comment":
		return rankComment
	case "deprecated":
		return rankDeprecated
	case "readOnly":
		return rankReadOnly
	case "writeOnly":
		return rankWriteOnly
	case "enum":
		return rankEnum
	case "const":
		if option {
			return rankOptionConst
		}
		return rankConst
	case "examples":
		return rankExamples
	case "example":
		return rankExample
	case "default":
		return rankDefault
	case "items":
		return rankItems
	case "properties":
		return rankProperties
	case "additionalProperties":
		return rankAdditionalProperties
	case "oneOf":
		return rankOneOf
	case "required":
		return rankRequired
	}
	return rankUnknown
}

// ordered returns the members of a schema object in canonical order. It
// is a counting sort over the ranks, so its cost is linear in the number
// of members, and stable, so unknown keys keep their order. members is not
// modified; when it is in order already it is returned as it is.
func ordered(members []*schema.Member, option bool) []*schema.Member {
	var count [numRanks + 1]int
	sorted := true
	prev := 0
	ranks := make([]uint8, len(members))
	for i, m := range members {
		r := rank(m.Name, option)
		ranks[i] = uint8(r)
		count[r+1]++
		if r < prev {
			sorted = false
		}
		prev = r
	}
	if sorted {
		return members
	}
	for r := 1; r <= numRanks; r++ {
		count[r] += count[r-1]
	}
	out := make([]*schema.Member, len(members))
	for i, m := range members {
		r := ranks[i]
		out[count[r]] = m
		count[r]++
	}
	return out
}
