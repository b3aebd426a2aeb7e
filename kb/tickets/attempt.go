package tickets

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"persiankb/kb/store"
)

// recordTimeout bounds writing an attempt's outcome after shutdown began.
const recordTimeout = 5 * time.Second

// attempt makes one delivery attempt and records its outcome. It returns an error only when
// the outcome cannot be recorded.
func (d *Deliverer) attempt(ctx context.Context, dl store.Delivery, res *Result) error {
	err := d.send(ctx, dl)
	now := d.cfg.Now()
	// The outcome is recorded even when ctx ended during the attempt.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	log := d.cfg.Logger.With("ticket", dl.TicketNumber, "channel", dl.Channel, "attempt", dl.Attempts)
	var merr error
	switch {
	case err == nil:
		merr = d.store.MarkDelivered(rctx, dl.ID, dl.Attempts, now)
		res.Delivered++
		log.Info("ticket delivered")
	case ctx.Err() != nil: // shutting down: due again at once, after the restart
		merr = d.store.MarkRetry(rctx, dl.ID, dl.Attempts, "interrupted by shutdown: "+errText(err), now, now)
	case isPermanent(err) || dl.Attempts >= d.cfg.MaxAttempts:
		merr = d.store.MarkFailed(rctx, dl.ID, dl.Attempts, errText(err), now)
		res.Failed++
		log.Error("ticket delivery failed for good; an admin can retry it", "err", err)
	default:
		wait := max(d.cfg.Backoff.Delay(dl.Attempts, d.cfg.Rand()), min(minWait(err), d.cfg.Backoff.Max))
		merr = d.store.MarkRetry(rctx, dl.ID, dl.Attempts, errText(err), now, now.Add(wait))
		res.Retried++
		log.Warn("ticket delivery will be retried", "err", err, "in", wait)
	}
	if errors.Is(merr, store.ErrStale) {
		log.Warn("delivery was claimed again while this attempt ran; its outcome is dropped")
		return nil
	}
	if merr != nil {
		return fmt.Errorf("tickets: record attempt of %s via %s: %w", dl.TicketNumber, dl.Channel, merr)
	}
	return nil
}

// send loads the ticket and hands it to the delivery's channel.
func (d *Deliverer) send(ctx context.Context, dl store.Delivery) error {
	ch, ok := d.channels[dl.Channel]
	if !ok {
		return fmt.Errorf("channel %q is not configured", dl.Channel)
	}
	t, err := d.store.Ticket(ctx, dl.TicketNumber)
	if err != nil {
		return fmt.Errorf("load ticket: %w", err)
	}
	return ch.deliver(ctx, dl, t)
}

// errText is err's message for last_error, bounded.
func errText(err error) string {
	s := err.Error()
	if utf8.RuneCountInString(s) > maxErrorRunes {
		s = string([]rune(s)[:maxErrorRunes]) + "…"
	}
	return s
}
