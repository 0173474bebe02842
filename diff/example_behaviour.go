package diff

import (
	"bytes"
	"fmt"
)

// behaviour builds a payload that the new version accepts and says what
// automations do with it in each version.
func (x *exampler) behaviour(c *Change) *Example {
	p := x.build(New, c.Path)
	if c.probe.also != "" {
		x.ensure(p, Old, c.probe.also)
	}
	for round := 0; round < 8; round++ {
		body := x.encode(p)
		errs := x.errors(New, body)
		if len(errs) == 0 {
			o, n := c.probe.behaviour(p)
			return &Example{Payload: bytes.Clone(body), Side: SideBehaviour, Old: o, New: n}
		}
		if !x.mend(p, errs, "", New, nil) {
			return nil
		}
	}
	return nil
}

// customBehaviour describes what a custom type change does to automations.
func customBehaviour(path, oc, nc string) behaviourFunc {
	return func(p *jv) (string, string) {
		v := p.text(path)
		o := fmt.Sprintf("%s at %s is of custom type %s: %s", v, path, oc, customUse(oc))
		if nc == "" {
			return o, "it is a plain value: those actions no longer offer it"
		}
		return o, fmt.Sprintf("it is of custom type %s: %s", nc, customUse(nc))
	}
}

func customUse(t string) string {
	switch t {
	case "MONEY":
		return "actions format it as a price"
	case "ATTACHMENT":
		return "e-mail actions attach the file"
	case "ORDER_ID":
		return "order actions such as payment requests use it"
	case "IMAGE_URL":
		return "e-mails show it as an image"
	}
	return "Wix actions treat it as that type"
}

// identityBehaviour describes what moving an identityType does.
func identityBehaviour(value string) func(from, to string) behaviourFunc {
	return func(from, to string) behaviourFunc {
		return func(p *jv) (string, string) {
			describe := func(path string) string {
				if path == "" {
					return fmt.Sprintf("no property names the %s, so %s actions have nobody to act on", value, value)
				}
				return fmt.Sprintf("%s actions act on %s at %s", value, p.text(path), path)
			}
			return describe(from), describe(to)
		}
	}
}

// futureBehaviour describes what moving futureDate does.
func futureBehaviour(from, to string) behaviourFunc {
	return func(p *jv) (string, string) {
		describe := func(path string) string {
			if path == "" {
				return "actions run as soon as the event is reported"
			}
			return fmt.Sprintf("actions wait for %s at %s", p.text(path), path)
		}
		return describe(from), describe(to)
	}
}

// renameBehaviour describes what a rename does to automations.
func renameBehaviour(from, to string) behaviourFunc {
	return func(p *jv) (string, string) {
		return fmt.Sprintf("automations read %s at %s", p.text(to), from),
			fmt.Sprintf("the value comes as %s; automations that read %s get nothing", to, from)
	}
}

// removedBehaviour describes what removing a property does to automations.
func removedBehaviour(path string) behaviourFunc {
	return func(p *jv) (string, string) {
		return fmt.Sprintf("automations read %s at %s", p.text(path), path),
			fmt.Sprintf("%s is not in the schema: automations that read it get nothing, and the dashboard cannot offer it", path)
	}
}
