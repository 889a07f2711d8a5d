// The README's height listener (README.md, "Embedding"), in a file of its own because this page's
// Content-Security-Policy allows no inline script: it sizes each Headroom iframe to the height its
// embed posts, taking messages from this origin only and from the frame the id names only.
addEventListener('message', (e) => {
  const d = e.data;
  if (e.origin !== location.origin || d?.type !== 'headroom:height' || typeof d.height !== 'number') return;
  const frame = document.getElementById(d.id);
  if (frame && frame.contentWindow === e.source) frame.style.height = `${d.height}px`;
});
