package schema_test

import (
	"fmt"

	"github.com/triggerkit/triggerkit/schema"
)

func ExampleLoad() {
	src := []byte(`{
  "type": "object",
  "properties": {
    "orderId": {"type": "string", "format": "uuid", "title": "Order ID"},
    "lines": {"type": "array", "title": "Lines", "items": {"type": "object",
      "properties": {"sku": {"type": "string", "title": "SKU"}}}}
  }
}`)
	doc, err := schema.Load("order.json", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	doc.Walk(func(p *schema.Property) {
		pos := doc.File.Position(p.KeySpan.Start)
		fmt.Printf("%s level %d %s %s\n", pos, p.Level(), p.Pointer(), p.Schema.TypeName())
	})
	// Output:
	// 4:5 level 1 /properties/orderId string
	// 5:5 level 1 /properties/lines array
	// 6:22 level 2 /properties/lines/items/properties/sku string
}

func ExampleParse_errors() {
	src := []byte("{\n\u00a0\u00a0\"type\": 'object',\n}")
	_, err := schema.Parse("pasted.json", src)
	for _, e := range err.(schema.ErrorList) {
		fmt.Println(e)
	}
	// Output:
	// 2:1: no-break space (U+00A0) used as white space; JSON allows only space, tab, line feed and carriage return
	// 2:13: string in single quotes; JSON strings use double quotes
	// 2:21: trailing comma before }
}
