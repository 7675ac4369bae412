// Package examples carries the files shipped for a first run into the
// binary, so that `briefbot init` works wherever the binary is (a Docker
// image, a bare server) without the source tree beside it.
package examples

import _ "embed"

// SampleFeed is sample-feed.xml: a Hatena-diary-shaped Atom feed of
// fictional reports, several outlets telling the same events, which
// config.example.yaml and the starter config brief without any network.
//
//go:embed sample-feed.xml
var SampleFeed []byte
