/** A DNS hop in the inspector: the message the packet carries — its question, then the answer (rcode and records). */
import type { DnsMessage as Message } from '../../src/model/trace';
import { bare } from '../model/dns';

export function DnsMessage({ m }: { m: Message }) {
  const response = m.kind === 'response';
  return (
    <div className="dns-message" role="group" aria-label="DNS message">
      <div className="dns-head">
        <strong>DNS {response ? 'response' : 'query'}</strong> <span className="muted mono">id {m.id}</span>{' '}
        <span className="muted">
          {response ? 'from' : 'to'} <span className="mono">{m.server}</span>
        </span>
        {response && m.rcode && <span className={`dns-rcode rcode-${m.rcode.toLowerCase()}`}>{m.rcode}</span>}
      </div>
      <table className="headers dns-sections">
        <tbody>
          <tr>
            <th>Question</th>
            <td className="mono">
              {bare(m.question.name)} IN {m.question.type}
            </td>
          </tr>
          {response && (
            <tr>
              <th>Answer</th>
              <td className="mono">
                {m.answers.length === 0 ? (
                  <span className="muted">none ({m.rcode})</span>
                ) : (
                  <ul className="dns-answers">
                    {m.answers.map((r, i) => (
                      <li key={i}>
                        {bare(r.name)} {r.ttl} IN {r.type} {r.type === 'CNAME' ? bare(r.data) : r.data}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
