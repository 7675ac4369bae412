package bot

import (
	"context"
	"encoding/json"
	"slices"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// userCommands is the menu everyone sees.
var userCommands = []tgbotapi.BotCommand{
	{Command: "start", Description: "Welcome and the list of topics"},
	{Command: "subscribe", Description: "Subscribe to a topic"},
	{Command: "unsubscribe", Description: "Unsubscribe from a topic"},
	{Command: "today", Description: "Today's briefs"},
	{Command: "search", Description: "Search stories: /search words"},
	{Command: "settings", Description: "Instant or editions, time zone, quiet hours"},
	{Command: "stop", Description: "Unsubscribe from everything"},
	{Command: "help", Description: "How to use this bot"},
}

// adminCommands are added to the menu of each admin's private chat only, so
// nobody else learns they exist.
var adminCommands = []tgbotapi.BotCommand{
	{Command: "feeds", Description: "Admin: feeds and their state"},
	{Command: "stats", Description: "Admin: chats and deliveries"},
	{Command: "reload", Description: "Admin: reload the config file"},
	{Command: "addfeed", Description: "Admin: /addfeed URL topic"},
	{Command: "delfeed", Description: "Admin: /delfeed NAME"},
}

// SetCommands registers the command menus: the default one, and one scoped
// to each admin's private chat with the admin commands added (removed again
// for users who are no longer admins). Failures are logged: a missing menu
// costs convenience, not function. Run and RunWebhook call it; call it again
// after SetConfig changed the admins.
func (b *Bot) SetCommands(ctx context.Context) {
	data, err := json.Marshal(userCommands)
	if err != nil {
		b.log.Error("encode commands", "err", err)
		return
	}
	if _, err := b.call(ctx, b.sendClient, "setMyCommands", tgbotapi.Params{"commands": string(data)}); err != nil {
		b.log.Warn("set my commands", "err", err)
	}
	b.cmdMu.Lock()
	defer b.cmdMu.Unlock()
	var admins []int64
	if b.opts.Admin != nil {
		admins = b.cfg().admins
	}
	all := slices.Concat(userCommands, adminCommands)
	for _, id := range admins {
		cfg := tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(id), all...)
		if err := b.scoped(ctx, "setMyCommands", cfg.Scope, cfg.Commands); err != nil {
			b.log.Warn("set admin commands", "user_id", id, "err", err)
			continue
		}
		b.cmdScope[id] = true
	}
	for id := range b.cmdScope {
		if slices.Contains(admins, id) {
			continue
		}
		cfg := tgbotapi.NewDeleteMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(id))
		if err := b.scoped(ctx, "deleteMyCommands", cfg.Scope, nil); err != nil {
			b.log.Warn("delete admin commands", "user_id", id, "err", err)
			continue
		}
		delete(b.cmdScope, id)
	}
}

// scoped calls a command-menu method for one scope. tgbotapi's configs
// build their Params in unexported methods, so the fields are sent by hand
// through the context-bound client.
func (b *Bot) scoped(ctx context.Context, method string, scope *tgbotapi.BotCommandScope, cmds []tgbotapi.BotCommand) error {
	p := tgbotapi.Params{}
	if cmds != nil {
		if err := p.AddInterface("commands", cmds); err != nil {
			return err
		}
	}
	if err := p.AddInterface("scope", scope); err != nil {
		return err
	}
	_, err := b.call(ctx, b.sendClient, method, p)
	return err
}
