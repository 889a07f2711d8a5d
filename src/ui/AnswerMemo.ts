// The answer card's last inputs and answer. The store changes far more often than the answer's
// inputs do (every progress tick), and pageAnswer walks the whole result: it runs again only when
// one of its inputs is a different object.
import { pageAnswer, type PageAnswer } from './answerText';
import type { AppState } from './store';

export class AnswerMemo {
  #key: unknown[] | undefined;
  #answer: PageAnswer | undefined;

  /** The page's answer for `year`, or undefined while the result is another scenario's. */
  get(s: AppState, year: number | undefined): PageAnswer | undefined {
    // A result of another scenario (a preset just picked, an import) is no answer for this one.
    const current = s.result && s.resultScenario === s.scenario;
    const key = [current ? s.result : undefined, s.resultScenario, s.baselineResult, s.baselineScenario, year];
    const last = this.#key;
    if (last && last.length === key.length && last.every((k, i) => k === key[i])) return this.#answer;
    this.#key = key;
    this.#answer = current ? pageAnswer(s, year) : undefined;
    return this.#answer;
  }
}
