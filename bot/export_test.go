package bot

// WebhookReady reports whether RunWebhook has started routing updates, so
// tests post only once the handler would not answer 503.
func (b *Bot) WebhookReady() bool { return b.router.Load() != nil }
