import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type User } from './api';
import { Inbox } from './Inbox';

/** The admin console shell: sign in, then the inbox (the marketers' studio joins as another section). */
export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    api<{ user: User }>('/api/auth/me')
      .then((r) => setUser(r.user))
      .catch(() => setUser(null));
  }, []);
  if (user === undefined) return <p className="loading">Loading…</p>;
  if (!user) return <Login onSignedIn={setUser} />;
  const signOut = async () => {
    await api('/api/auth/logout', { body: {} }).catch(() => undefined);
    setUser(null);
  };
  return (
    <div className="shell">
      <header className="topbar">
        <strong>Omnibot console</strong>
        <nav aria-label="Sections">
          <a href="/console/" aria-current="page">Inbox</a>
        </nav>
        <span className="me">
          {user.name || user.email} ({user.role}) <button type="button" onClick={signOut}>Sign out</button>
        </span>
      </header>
      <Inbox user={user} />
    </div>
  );
}

function Login({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      const result = await api<{ user: User }>('/api/auth/login', { body: { email, password } });
      onSignedIn(result.user);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Sign-in failed');
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in</h1>
        <label>
          Email
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
