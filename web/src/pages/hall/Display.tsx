import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { DisplayView } from '../../types';
import './display.css';

const POLL_MS = 1500;

/** A short two-tone chime (Web Audio), before the spoken call. */
function chime(ctx: AudioContext) {
  const t0 = ctx.currentTime;
  for (const [i, f] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = f;
    gain.gain.setValueAtTime(0.0001, t0 + i * 0.45);
    gain.gain.exponentialRampToValueAtTime(0.4, t0 + i * 0.45 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.45 + 0.6);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0 + i * 0.45);
    osc.stop(t0 + i * 0.45 + 0.65);
  }
}

/** Spells a ticket number for speech: letters and digits one by one (A012 → A 0 1 2). */
const spoken = (n: string) => n.split('').join(' ');

/**
 * The waiting-room display (叫号屏) of a hall, public and without sign-in: the latest call large,
 * the recent calls with their windows, and how many wait per business type. Ticket numbers only.
 * It polls every 1.5 s; each new call (or recall) chimes and is spoken in the page's language.
 */
export default function HallDisplay() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const [view, setView] = useState<DisplayView | null>(null);
  const [failed, setFailed] = useState(false);
  const [clock, setClock] = useState(() => new Date());
  const [soundOn, setSoundOn] = useState(false);
  const seen = useRef<Map<string, string> | null>(null);
  const audio = useRef<AudioContext | null>(null);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const v = await api.get<DisplayView>(`/api/hall/halls/${encodeURIComponent(code)}/display`, { noAuthRedirect: true });
        if (stop) return;
        setView(v);
        setFailed(false);
      } catch {
        if (!stop) setFailed(true);
      }
      if (!stop) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    const tick = setInterval(() => setClock(new Date()), 1000);
    return () => {
      stop = true;
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [code]);

  // Announce calls not seen before (a recall changes its time): chime, then speak.
  useEffect(() => {
    if (!view) return;
    const now = new Map(view.calls.map((c) => [c.id, `${c.calledAt}/${c.callCount}`]));
    const before = seen.current;
    seen.current = now;
    if (!before) return; // the first answer is history, not news
    const fresh = view.calls.filter((c) => before.get(c.id) !== `${c.calledAt}/${c.callCount}`).reverse();
    if (fresh.length === 0) return;
    document.body.dataset.lastAnnounced = fresh[fresh.length - 1]!.number;
    if (audio.current && soundOn) chime(audio.current);
    if (soundOn && 'speechSynthesis' in window) {
      for (const c of fresh) {
        const u = new SpeechSynthesisUtterance(t('hallq.displaySpeech', { number: spoken(c.number), n: c.window }));
        u.lang = lang === 'en' ? 'en-US' : 'zh-CN';
        u.rate = 0.9;
        window.speechSynthesis.speak(u);
      }
    }
  }, [view, soundOn, t, lang]);

  const enableSound = () => {
    try {
      audio.current ??= new AudioContext();
      void audio.current.resume();
    } catch {
      /* no audio on this device */
    }
    setSoundOn(true);
  };

  const latest = view?.calls[0];
  const time = clock.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const date = clock.toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  return (
    <div className="yw-display" data-testid="hall-display" data-stale={failed ? 'true' : 'false'}>
      <header className="yw-display-head">
        <div className="yw-display-hall">{view?.hallName ?? ''}</div>
        <div className="yw-display-clock">
          <span className="yw-display-time" data-testid="display-clock">{time}</span>
          <span className="yw-display-date">{date}</span>
        </div>
      </header>
      <main className="yw-display-main">
        <section className="yw-display-now" aria-live="assertive" data-testid="display-now">
          <div className="yw-display-label">{t('hallq.displayNow')}</div>
          {latest ? (
            <>
              <div key={`${latest.id}/${latest.callCount}`} className="yw-display-number" data-testid="display-latest-number">{latest.number}</div>
              <div className="yw-display-window" data-testid="display-latest-window">{t('hallq.displayGoTo', { n: latest.window })}</div>
            </>
          ) : (
            <div className="yw-display-idle">{t('hallq.displayIdle')}</div>
          )}
        </section>
        <section className="yw-display-recent">
          <div className="yw-display-label">{t('hallq.displayRecent')}</div>
          <ol className="yw-display-list" data-testid="display-calls">
            {view?.calls.slice(1, 7).map((c) => (
              <li key={c.id} data-testid="display-call">
                <span className="yw-display-list-number">{c.number}</span>
                <span className="yw-display-list-window">{t('hallq.window', { n: c.window })}</span>
              </li>
            ))}
            {view && view.calls.length <= 1 && <li className="yw-display-empty">{t('hallq.displayNoCalls')}</li>}
          </ol>
        </section>
      </main>
      <footer className="yw-display-foot" data-testid="display-waiting">
        <span className="yw-display-label">{t('hallq.displayWaiting')}</span>
        {view?.waiting.map((w) => (
          <span key={w.letter} className="yw-display-queue" data-testid={`display-waiting-${w.letter}`}>
            <b>{w.letter}</b> {w.name} <em>{t('hallq.displayPeople', { n: w.count })}</em>
          </span>
        ))}
      </footer>
      {!soundOn && (
        <button type="button" className="yw-display-sound" onClick={enableSound} data-testid="display-sound">
          {t('hallq.displaySound')}
        </button>
      )}
    </div>
  );
}
