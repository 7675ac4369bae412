package bot

// echoRunes caps what a reply repeats of a user's words: an argument of
// 4,090 characters echoed whole made the reply longer than Telegram's 4,096
// and it was refused, so the user got nothing.
const echoRunes = 64

// echoArgs clips the string values of a catalogue message's key/value
// arguments, which an error built from a user's words carries back.
func echoArgs(kv []any) []any {
	out := append([]any(nil), kv...)
	for i := 1; i < len(out); i += 2 {
		if s, ok := out[i].(string); ok {
			out[i] = clipRunes(s, echoRunes)
		}
	}
	return out
}
