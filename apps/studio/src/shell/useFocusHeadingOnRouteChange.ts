import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After a route change (not on the first load), moves focus to the new page's `h1`, so a
 * keyboard or screen-reader user starts reading the new page instead of staying on the link they
 * used. The heading is made focusable for this (`tabindex=-1`, no tab stop). Pages that load
 * their content show their heading after it arrives: the hook waits for one briefly.
 */
export function useFocusHeadingOnRouteChange(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    const timer = window.setInterval(() => {
      const heading = document.querySelector<HTMLElement>('#main h1');
      if (heading || ++tries > 40) window.clearInterval(timer);
      if (!heading) return;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }, 50);
    return () => window.clearInterval(timer);
  }, [pathname]);
}
