// Card sync: brings a record's card in line with what the tool wants it to show (kit/core/card.ts), through the
// platform's updateCard (on WeChat, setChatToolMsg), and has the tool record what it answered beside its record
// (CardRecords). Also the card id's creation (createCard), for a record's first card and every renewal. Best effort: what is left undone or
// unknown keeps the record's card lagging, which the tool's timer retries.
import type { CardActivity, CardAnswer, CardBinding, CardSync, CardTarget, SetChatToolMsgBody } from '../core/card';
import { cardInSync, cardUpdates, marksOnly } from '../core/card';
import type { ApiResult } from '../core/result';
import { fail, ok } from '../core/result';
import type { ChatPlatform, Clock, Log } from './ports';
import { PlatformError } from './ports';
import { within } from './within';

/** WeChat's system error (docs/platform.md, "Error codes"): nothing says whether the call was applied. */
const SYSTEM_ERROR = -1;
/**
 * Refusals of the call itself, before WeChat looks at the card (docs/platform.md, "Error codes"): cloud call not
 * supported or not permitted, token, capability not granted, malformed JSON, and, over HTTPS, no access token to
 * be had (grant_type, appid, secret, IP whitelist). They say nothing about the card.
 */
const API_REFUSALS = new Set([-604100, -604101, 40001, 42001, 48001, 47001, 40002, 40013, 40125, 40164]);

/** A record's card as recorded: its binding and what the record wants it to show at that moment. */
export interface CardRecorded {
  binding: CardBinding;
  target: CardTarget;
}

/**
 * The port a tool implements beside its records (the platform seam: WeChat's binding lives with the record, the
 * kit decides what to send). `R` may carry more than the binding, e.g. the whole record as recorded. `P` is what a
 * one-mark record rests on, the tool's own (see recordMark).
 */
export interface CardRecords<R extends CardRecorded = CardRecorded, P = never> {
  /**
   * Records what a sync learned about the card of `activityId`: in ONE atomic step with the record, the binding's
   * `shown` becomes cardAfter(shown, the record's target state now, sync). Null, recording nothing, when the record
   * is gone or its card was renewed meanwhile (it has another activity_id).
   */
  recordCard(recordId: string, activityId: string, sync: CardSync): Promise<R | null>;
  /**
   * Optional, for a store that can do it in one write with no read: records that WeChat marked `memberId` on the
   * card of `activityId`, and nothing else, resting on `premise` (what the tool read before the sync). The kit asks
   * it only for a sync given that member (CardSyncer.sync's `mark`) whose answers came in order and whose accepted
   * calls only marked them. Null when not recorded so (renewed, moved on, the premise gone): the kit then records
   * the whole sync through recordCard.
   */
  recordMark?(recordId: string, activityId: string, memberId: string, premise: P): Promise<R | null>;
}

/** The one member a sync is sent to mark, and the premise of the tool's one-mark record (CardRecords.recordMark). */
export interface CardMark<P> {
  memberId: string;
  premise: P;
}

export interface CardSyncDeps<R extends CardRecorded, P = never> {
  platform: Pick<ChatPlatform, 'createCard' | 'updateCard'>;
  clock: Clock;
  /** How long a sync waits for one updateCard before calling its outcome unknown (the timer retries). */
  timeoutMs: number;
  log: Log;
  records: CardRecords<R, P>;
}

export interface CardSynced<R> {
  /** The record as recordCard returned it; null when nothing was recorded (renewed, gone, or the record failed). */
  recorded: R | null;
  /** Calls WeChat accepted. */
  sent: number;
  /** Whether the card still lags behind after a call that was not accepted (or the record could not be written). */
  failed: boolean;
  /** Calls left unsent because they could have ended after `until`: the card lags until the next sync sends them. */
  deferred: number;
}

export interface CardSyncer<R, P = never> {
  /**
   * Sends what `binding` lacks to show `target` (as read with the record `recordId`) and records the answers.
   * With `until` (wall time, Date.now()), a call starts only while its answer, or its time-out, comes by then:
   * the timer's run never outlasts its budget, and the calls left are the next sync's. With `mark`, the sync is
   * sent to mark that one member, and the answers may be recorded through the tool's one-mark record.
   */
  sync(
    recordId: string,
    binding: CardBinding,
    target: CardTarget,
    until?: number,
    mark?: CardMark<P>,
  ): Promise<CardSynced<R>>;
  /** A new activity_id, or PLATFORM_FAILED with `refusal`, which tells the user what was kept. */
  newActivity(refusal: string): Promise<ApiResult<CardActivity, 'PLATFORM_FAILED'>>;
}

export function createCardSync<R extends CardRecorded, P = never>(deps: CardSyncDeps<R, P>): CardSyncer<R, P> {
  const { platform, clock, log, records } = deps;

  /**
   * Records a sync: in one write through the tool's one-mark record when its accepted calls only marked the member
   * of `mark`, and only for answers in their sync's order (a late one, version null, may have landed after a state
   * change and taken the card back to collecting, which only the whole record can say: cardAfter); otherwise, or
   * when that record declines, the whole sync through recordCard.
   */
  async function record(recordId: string, activityId: string, sync: CardSync, mark?: CardMark<P>): Promise<R | null> {
    if (mark !== undefined && records.recordMark !== undefined && sync.version !== null) {
      const marked = marksOnly(sync);
      if (marked?.length === 1 && marked[0] === mark.memberId) {
        const recorded = await records.recordMark(recordId, activityId, mark.memberId, mark.premise);
        if (recorded !== null) return recorded;
      }
    }
    return records.recordCard(recordId, activityId, sync);
  }

  /** Records an answer that came after its sync gave up: its place among the card's calls is unknown. */
  function recordLate(recordId: string, body: SetChatToolMsgBody, mark: CardMark<P> | undefined): void {
    const late: CardSync = { version: null, answers: [{ body, answer: 'accepted' }] };
    record(recordId, body.activity_id, late, mark).catch((error: unknown) => {
      log(`recording a late card answer of record ${recordId} failed`, error);
    });
  }

  /**
   * WeChat's answer to one call. A refusal applied nothing; after a time-out, a system error or a network error
   * the call may still land, so its outcome is unknown.
   */
  async function send(recordId: string, body: SetChatToolMsgBody, mark: CardMark<P> | undefined): Promise<CardAnswer> {
    const call = platform.updateCard(body);
    try {
      if ((await within(call, deps.timeoutMs)) !== 'timeout') return 'accepted';
      log(`updateCard timed out for record ${recordId}; its outcome is unknown`);
      call.then(
        () => recordLate(recordId, body, mark),
        () => undefined,
      );
      return 'unknown';
    } catch (error) {
      log(`updateCard failed for record ${recordId}`, error instanceof PlatformError ? error.message : error);
      if (!(error instanceof PlatformError) || error.errcode === SYSTEM_ERROR) return 'unknown';
      return API_REFUSALS.has(error.errcode) ? 'failed' : 'refused';
    }
  }

  return {
    async sync(recordId, binding, target, until = Infinity, mark) {
      const answers: CardSync['answers'] = [];
      const bodies = cardUpdates(binding, target, clock.now());
      for (const body of bodies) {
        if (Date.now() + deps.timeoutMs > until) break;
        const answer = await send(recordId, body, mark);
        answers.push({ body, answer });
        if (answer !== 'accepted') break;
      }
      const sent = answers.filter(({ answer }) => answer === 'accepted').length;
      const failed = answers.some(({ answer }) => answer !== 'accepted');
      const deferred = failed ? 0 : bodies.length - answers.length;
      // Nothing sent, nothing learned: no record to write (the card was already as recorded).
      if (answers.length === 0 && deferred > 0) return { recorded: null, sent, failed, deferred };
      try {
        const sync = { version: binding.shown.version, answers };
        const recorded = await record(recordId, binding.activityId, sync, mark);
        if (recorded === null) return { recorded, sent, failed, deferred };
        // A refused end that proves an earlier one landed leaves the card in sync: an answer, not a failure.
        return { recorded, sent, failed: failed && !cardInSync(recorded.binding, recorded.target), deferred };
      } catch (error) {
        log(`recording the card of record ${recordId} failed`, error);
        return { recorded: null, sent, failed: true, deferred };
      }
    },

    async newActivity(refusal) {
      try {
        return ok(await platform.createCard());
      } catch (error) {
        log('createCard failed', error);
        return fail('PLATFORM_FAILED', refusal);
      }
    },
  };
}
