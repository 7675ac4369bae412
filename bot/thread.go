package bot

import "context"

type threadKey struct{}

// withThread remembers the forum topic an update came from, so that replies
// and subscriptions made while handling it land in that topic without every
// handler passing it along.
func withThread(ctx context.Context, thread int) context.Context {
	if thread == 0 {
		return ctx
	}
	return context.WithValue(ctx, threadKey{}, thread)
}

// threadOf is the forum topic of the update being handled, 0 for none.
func threadOf(ctx context.Context) int {
	t, _ := ctx.Value(threadKey{}).(int)
	return t
}
