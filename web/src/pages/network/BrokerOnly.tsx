import { Outlet } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { isBroker } from '../../lib/labels';

/** The broker's pages: for brokers and administrators. */
export function BrokerOnly() {
  const { user } = useAuth();
  if (!isBroker(user?.platform_role)) {
    return (
      <section className="page page--narrow">
        <h1>This page is for the broker</h1>
        <p>Only the directory’s brokers and ValueMark administrators can see this page. If you think you should have access, ask an administrator.</p>
      </section>
    );
  }
  return <Outlet />;
}
