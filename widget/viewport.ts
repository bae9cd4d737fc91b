/**
 * Keeps the panel and the quick exit inside the visual viewport. On a phone the keyboard
 * shrinks the visual viewport, and the page may scroll under it; fixed elements would then
 * sit partly off screen, the header with 999 first. The CSS (styles.ts) reads
 * --wm-vv-top and --wm-vv-height on both widget roots.
 */
export function followVisualViewport(roots: HTMLElement[], onChange: () => void): void {
  const viewport = window.visualViewport;
  const update = () => {
    const top = viewport ? viewport.offsetTop : 0;
    const height = viewport ? viewport.height : window.innerHeight;
    for (const root of roots) {
      root.style.setProperty('--wm-vv-top', `${Math.round(top)}px`);
      root.style.setProperty('--wm-vv-height', `${Math.round(height)}px`);
    }
    onChange();
  };
  viewport?.addEventListener('resize', update);
  viewport?.addEventListener('scroll', update);
  window.addEventListener('resize', update);
  update();
}
