/**
 * The whole window when the browser host refused this page (no token, or an old one): nothing of
 * the app is shown behind it, only what to do next.
 */
export function RefusedScreen() {
  return (
    <main className="refused-screen">
      <div className="refused-card">
        <h1>This page is not connected</h1>
        <p role="alert">
          ActiveMirror refused this page. Open the link printed by <code>npm run serve</code> (or{' '}
          <code>amos serve</code>) again: it carries the access token this page needs.
        </p>
        <p className="refused-note">
          The token is part of the link, so a bookmark or a copied address without it cannot
          connect. Your conversations stay where they are.
        </p>
      </div>
    </main>
  )
}
