package config

import (
	"bytes"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/triggerkit/triggerkit/findings"
)

// initText is the starting config that Init returns.
const initText = `# triggerlint configuration; see the README's "Configuration" section.
# Globs are doublestar globs relative to this file's folder: * stays within
# a folder, ** crosses folders, and a glob that matches a folder covers what
# is in it.

# The files that 'triggerlint lint' checks when given no paths, and that
# filter the files a pre-commit hook hands over (with --force-exclude).
files:
  - "**/*.json"
exclude:
  - "**/node_modules"
  - "**/package.json"
  - "**/package-lock.json"
  - "**/tsconfig*.json"

# Exit with 1 on findings at or above: error, warning (or warn), info or
# none (never).
fail-severity: error

# Which rules run and how serious their findings are. A pattern is an ID
# (TK3003), a name, a glob over either (TK3*) or "all"; "all" applies first,
# then globs, then IDs and names. Flags on the command line win.
rules:
  enable: []
  disable: []
  severity: {}
  #   TK3003: error
  #   TK7*: warn
  #   TK5003: off

# Rule settings for some files, applied in order after the ones above.
overrides: []
#  - files: ["legacy/**"]
#    rules:
#      severity:
#        TK3*: warn

# Findings accepted for good, each with its reason (required). pointer is
# an RFC 6901 pointer, or a prefix ending in /** for everything below it; a
# left-out file or pointer covers every file or the whole document. An
# entry that matches nothing is reported (TK0001), so that it gets removed.
ignore: []
#  - rule: TK3003
#    file: triggers/order-paid.json
#    pointer: /properties/legacy_id
#    reason: kept for apps built before 2024; goes in v3

diff:
  # Schema changes made on purpose: 'triggerlint diff' counts them as
  # suppressed and does not fail on them; --show-ignored shows them as info
  # with the reason. A stale entry is reported as TK0002.
  accept: []
  #  - change: TKD101
  #    file: triggers/order-paid.json
  #    pointer: /properties/discount
  #    reason: moved to /properties/pricing, agreed with the app team
`

// Init returns a commented starting config, what `triggerlint config init`
// writes.
func Init() []byte { return []byte(initText) }

// Print writes the settings of the config as YAML that Parse reads back to
// the same settings, with the defaults of what the file leaves out.
func (c *Config) Print(w io.Writer) error {
	root := mapNode()
	files := seqNode(c.Files)
	if len(c.Files) == 0 {
		files.LineComment = "every *.json file"
	}
	add(root, "files", files)
	add(root, "exclude", seqNode(c.Exclude))
	fail, set := c.FailSeverity()
	failNode := strNode(fail.String())
	if !set {
		failNode = strNode(findings.Error.String())
		failNode.LineComment = "the default"
	}
	add(root, "fail-severity", failNode)
	add(root, "rules", rulesNode(c.Rules))
	overrides := &yaml.Node{Kind: yaml.SequenceNode, Style: flowIfEmpty(len(c.Overrides))}
	for _, o := range c.Overrides {
		n := mapNode()
		add(n, "files", seqNode(o.Files))
		add(n, "rules", rulesNode(o.Rules))
		overrides.Content = append(overrides.Content, n)
	}
	add(root, "overrides", overrides)
	add(root, "ignore", exemptionsNode(c.Ignore, "rule"))
	diff := mapNode()
	add(diff, "accept", exemptionsNode(c.Accept, "change"))
	add(root, "diff", diff)
	if c.Path != "" {
		root.HeadComment = "effective settings of " + c.Path
	} else {
		root.HeadComment = "effective settings: no config file, every default"
	}

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return fmt.Errorf("printing the config: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("printing the config: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func rulesNode(rs RuleSettings) *yaml.Node {
	n := mapNode()
	add(n, "enable", seqNode(rs.Enable))
	add(n, "disable", seqNode(rs.Disable))
	sev := &yaml.Node{Kind: yaml.MappingNode, Style: flowIfEmpty(len(rs.Severity))}
	for _, l := range rs.Severity {
		v := "off"
		if !l.Off {
			v = l.Severity.String()
		}
		add(sev, l.Pattern, strNode(v))
	}
	add(n, "severity", sev)
	return n
}

func exemptionsNode(list []Exemption, idKey string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: flowIfEmpty(len(list))}
	for _, e := range list {
		m := mapNode()
		add(m, idKey, strNode(e.Rule))
		add(m, "file", strNode(e.File))
		add(m, "pointer", strNode(e.Pointer))
		add(m, "reason", strNode(e.Reason))
		n.Content = append(n.Content, m)
	}
	return n
}

func flowIfEmpty(n int) yaml.Style {
	if n == 0 {
		return yaml.FlowStyle
	}
	return 0
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func seqNode(list []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: flowIfEmpty(len(list))}
	for _, s := range list {
		n.Content = append(n.Content, strNode(s))
	}
	return n
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, strNode(key), v)
}
