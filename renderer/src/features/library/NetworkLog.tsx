import { formatClock } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';

/** Every outbound attempt Hearth made or refused, newest first; live through network.attempt. */
export function NetworkLog() {
  const log = useHearth((s) => s.networkLog);
  const error = useHearth((s) => s.networkLogError);
  const reload = useHearth((s) => s.loadNetworkLog);
  const blocked = log.filter((a) => !a.allowed).length;

  return (
    <section aria-labelledby="network-title" data-testid="network-log">
      <div className="section-head">
        <h2 id="network-title">Network log</h2>
        <button type="button" className="button" onClick={() => void reload()} data-testid="network-log-refresh">
          Refresh
        </button>
      </div>
      <p className="muted section-lead" data-testid="network-log-summary">
        {log.length === 0 ? 'Hearth has not tried to connect to anything.' : `${log.length} attempt${log.length === 1 ? '' : 's'}, ${blocked} blocked.`} Chats never leave this computer; this lists every connection Hearth tried to open for downloads and checks.
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="network-log-error">
          The network log could not be read: {error}
        </p>
      )}
      {log.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="network-title">
          <table className="network-table">
            <caption className="visually-hidden">Outbound connection attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Host</th>
                <th scope="col">Purpose</th>
                <th scope="col">Result</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {log.map((a) => (
                <tr key={a.id} data-testid="network-log-row" data-allowed={a.allowed}>
                  <td>
                    <time dateTime={new Date(a.at).toISOString()}>{formatClock(a.at)}</time>
                  </td>
                  <td className="mono">
                    {a.host}
                    {a.port !== null ? `:${a.port}` : ''}
                  </td>
                  <td>{a.purpose}</td>
                  <td>
                    <span className={`badge ${a.allowed ? 'badge-allowed' : 'badge-blocked'}`}>{a.allowed ? 'Allowed' : 'Blocked'}</span>
                  </td>
                  <td className="network-detail">{a.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
