package config

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Marshal renders cfg as YAML with the token redacted, for tests that
// compare effective configurations.
func Marshal(cfg *Config) ([]byte, error) {
	c := *cfg
	if c.Telegram.Token != "" {
		c.Telegram.Token = "REDACTED"
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&c); err != nil {
		return nil, fmt.Errorf("marshal config: %w", err)
	}
	return buf.Bytes(), nil
}
