import type { WidgetSettings } from './settings.js';

/**
 * The widget's own styles. Every class starts with "wm-" so that the charity's styles are
 * untouched. Web Chat's look is set through its styleOptions (webChatOptions.ts), not here.
 */
export function widgetCss(settings: WidgetSettings): string {
  return `
.wm-root, .wm-root * { box-sizing: border-box; }
.wm-root {
  --wm-brand: ${settings.brandColour};
  --wm-brand-text: ${settings.brandText};
  --wm-brand-on-white: ${settings.brandOnWhite};
  --wm-ink: #1b1b1b;
  --wm-exit: #a4161a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 16px;
  line-height: 1.4;
  color: var(--wm-ink);
}
.wm-visually-hidden {
  position: absolute !important; width: 1px !important; height: 1px !important;
  margin: 0 !important; padding: 0 !important; overflow: hidden !important;
  clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important;
  border: 0 !important; white-space: nowrap !important;
}
.wm-root a:focus-visible, .wm-root button:focus-visible,
.wm-root input:focus-visible, .wm-root textarea:focus-visible {
  outline: 3px solid #ffbf47 !important;
  outline-offset: 0 !important;
  box-shadow: 0 0 0 6px #1b1b1b !important;
}

/* Quick exit: fixed to the top of the viewport, always visible. */
.wm-exit {
  position: fixed; top: 8px; right: 8px; z-index: 2147483646;
  display: inline-flex; flex-direction: column; align-items: center; justify-content: center;
  min-height: 48px; min-width: 48px; padding: 10px 18px;
  background: var(--wm-exit); color: #ffffff; border: 2px solid #ffffff; border-radius: 6px;
  box-shadow: 0 2px 0 #4d0a0c;
  font: 700 17px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  text-decoration: none; cursor: pointer;
}
.wm-exit:hover { background: #7f1013; color: #ffffff; }
.wm-exit-dots { display: flex; gap: 6px; margin-top: 4px; }
.wm-exit-dots[hidden] { display: none; }
.wm-exit-dot { width: 10px; height: 10px; border-radius: 50%; border: 2px solid #ffffff; }
.wm-exit-dot.wm-on { background: #ffffff; }

/* Launcher */
.wm-launcher {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483644;
  min-height: 48px; padding: 12px 20px; border-radius: 24px;
  background: var(--wm-brand); color: var(--wm-brand-text);
  border: 2px solid var(--wm-brand-text);
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
  font: 600 17px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  cursor: pointer;
}
.wm-launcher[hidden] { display: none; }

/* Chat panel */
.wm-panel {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483645;
  width: 400px; max-width: calc(100vw - 32px);
  height: 720px; max-height: calc(100vh - 96px); max-height: calc(100dvh - 96px);
  display: flex; flex-direction: column;
  background: #ffffff; border: 1px solid #6f6f6f; border-radius: 10px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.25); overflow: hidden;
}
.wm-panel[hidden] { display: none; }
.wm-header {
  flex: none; display: flex; align-items: flex-start; gap: 8px;
  padding: 12px 12px 10px 16px; background: var(--wm-brand); color: var(--wm-brand-text);
}
.wm-header-text { flex: 1; min-width: 0; }
.wm-title { margin: 0; font-size: 18px; font-weight: 700; line-height: 1.3; color: inherit; }
.wm-danger { margin: 2px 0 0; font-size: 15px; color: inherit; }
.wm-danger a { color: inherit; font-weight: 700; text-decoration: underline; }
.wm-hide {
  flex: none; min-height: 44px; min-width: 44px; padding: 8px 12px;
  background: transparent; color: inherit; border: 2px solid currentColor; border-radius: 6px;
  font: 600 15px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  cursor: pointer;
}
.wm-hide[hidden] { display: none; }
.wm-header-buttons { flex: none; display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; }
.wm-chat { flex: 1; min-height: 0; position: relative; background: #ffffff; }
.wm-webchat-host { height: 100%; }
.wm-restart {
  margin: 0 16px; min-height: 44px; padding: 8px 16px; border-radius: 8px;
  background: #ffffff; color: var(--wm-brand-on-white); border: 2px solid var(--wm-brand-on-white);
  font: 600 16px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  cursor: pointer;
}
.wm-status { padding: 16px; margin: 0; font-size: 16px; }
.wm-status a { color: var(--wm-brand-on-white); font-weight: 700; }
.wm-note { flex: none; margin: 0; padding: 8px 16px; font-size: 15px; background: #eef4f4; border-bottom: 1px solid #b8c7c7; }
.wm-note[hidden] { display: none; }
.wm-connection { flex: none; margin: 0; padding: 0 16px; font-size: 15px; background: #fff4d6; }
.wm-connection:not(:empty) { padding: 8px 16px; border-top: 1px solid #b58a00; }
.wm-connection a { color: #1b1b1b; font-weight: 700; }
.wm-footer {
  flex: none; padding: 8px 16px 10px; border-top: 1px solid #d0d0d0;
  background: #f6f6f4; font-size: 14px; color: var(--wm-ink);
}
.wm-footer p { margin: 0 0 4px; }
.wm-footer a { color: var(--wm-brand-on-white); text-decoration: underline; }
.wm-footer-links { display: flex; flex-wrap: wrap; gap: 4px 16px; }
.wm-footer-links a { display: inline-block; padding: 4px 0; }

/* Message times (widget/timestamps.ts), as Web Chat's own would look. */
.wm-root .wm-timestamp { color: #595959; font-size: 14px; padding-top: 4px; }

/* Buttons on service cards (call, website): calm, full width, easy to tap. */
.wm-root .wm-chat .ac-pushButton {
  min-height: 44px !important; padding: 8px 12px !important;
  background: #ffffff !important; color: var(--wm-brand-on-white) !important;
  border: 2px solid var(--wm-brand-on-white) !important; border-radius: 8px !important;
  font: 600 16px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif !important;
  white-space: normal !important; overflow: visible !important;
}
.wm-root .wm-chat .ac-pushButton > div { white-space: normal !important; overflow: visible !important; }
.wm-root .wm-chat .ac-pushButton:hover { background: #f3f3f1 !important; }

/* Quick exit overlay: covers everything at once. */
.wm-exit-overlay {
  position: fixed; inset: 0; z-index: 2147483647; background: #ffffff;
}
html.wm-exiting body > *:not(.wm-exit-overlay) { display: none !important; }

/*
 * Phones, a phone with its keyboard open, and zoom (200% of 1280 x 800 is 640 x 400): the
 * panel fills the visual viewport below the quick-exit button, which stays in view.
 * widget/viewport.ts keeps --wm-vv-top and --wm-vv-height in step with the visual viewport.
 */
@media (max-width: 520px), (max-height: 600px) {
  .wm-panel {
    top: calc(var(--wm-vv-top, 0px) + 64px); left: 0; right: 0; bottom: auto;
    width: auto; max-width: none;
    height: calc(var(--wm-vv-height, 100dvh) - 64px); max-height: none;
    border-radius: 10px 10px 0 0; border-bottom: 0;
  }
  .wm-exit { top: calc(var(--wm-vv-top, 0px) + 8px); }
  .wm-launcher { right: 12px; bottom: 12px; }
}
/*
 * Phones and narrow windows, as GOV.UK's "Exit this page" on mobile: the quick exit spans the
 * width at the top and stays there as the page scrolls; its root keeps the room it covers at
 * the top of the page, so it hides none of the charity's content there.
 */
@media (max-width: 640px) {
  #waymark-quick-exit { display: block; height: 64px; }
  .wm-exit { left: 8px; right: 8px; }
}
/* Short panels: a compact header and footer, so the conversation keeps its room. */
@media (max-height: 600px) {
  .wm-header { padding: 6px 8px 6px 12px; align-items: center; }
  .wm-header-text { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 10px; }
  .wm-title { font-size: 16px; }
  .wm-danger { margin: 0; font-size: 15px; }
  .wm-hide { min-height: 36px; padding: 4px 10px; font-size: 14px; }
  .wm-footer { padding: 4px 12px; font-size: 13px; display: flex; flex-wrap: wrap; gap: 0 16px; }
  .wm-footer p { margin: 0; }
  .wm-footer-links a { padding: 2px 0; }
  .wm-connection:not(:empty) { padding: 4px 12px; font-size: 14px; }
}
/*
 * Very short views (400% zoom: 320 x 200): header, chat and footer cannot all fit, so the
 * panel scrolls as a whole and the chat keeps a usable height, rather than overlap.
 */
@media (max-height: 360px) {
  .wm-panel { overflow-y: auto; }
  .wm-chat { flex: none; height: 300px; }
}
/* As GOV.UK's "Exit this page": nothing of the widget is printed. */
@media print {
  .wm-root { display: none !important; }
}
@media (prefers-reduced-motion: no-preference) {
  .wm-launcher, .wm-exit { transition: background-color 0.15s ease; }
}
`;
}
