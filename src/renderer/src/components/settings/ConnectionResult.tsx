import { useProvidersStore } from '../../stores/providersStore'

/** The last "Test connection" outcome: success in role status, failure in role alert. */
export function ConnectionResult({ providerId }: { providerId: string }) {
  const result = useProvidersStore((s) => s.tests[providerId])
  if (!result) return null
  if (result === 'running') {
    return (
      <p role="status" className="provider-test">
        Testing the connection…
      </p>
    )
  }
  if (!result.ok) {
    return (
      <p role="alert" className="provider-test provider-test-failed">
        Connection failed: {result.error.message}
      </p>
    )
  }
  const count = `${result.models.length} model${result.models.length === 1 ? '' : 's'}`
  return (
    <p role="status" className="provider-test provider-test-ok">
      Connected in {result.latencyMs} ms; {count} available.
      {result.modelListed
        ? ''
        : ' The server does not list this model; it may still serve it under this name.'}
    </p>
  )
}
