/**
 * Shown on the overview while no route has a deployment: a first run without provider keys or
 * Ollama writes an empty model_list, and every figure on the page would stay at zero with
 * nothing saying why. Names the two ways in and where each is done.
 */
export function GettingStarted() {
  return (
    <section className="callout callout-warn getting-started" aria-labelledby="getting-started-title" data-testid="getting-started">
      <strong id="getting-started-title">No models are set up yet, so requests have nowhere to go. Add one:</strong>
      <ul>
        <li>
          A cloud model: add it to <code>model_list</code> under <a href="#/routes">Routes › Edit YAML</a>, for example
          {' '}<code>model: anthropic/claude-sonnet-4-5</code> with <code>api_key: os.environ/ANTHROPIC_API_KEY</code>
          {' '}(the key has to be set where the gateway runs).
        </li>
        <li>A local model: with Ollama installed, pull one under <a href="#/models">Models</a>, then use <em>Route it</em>.</li>
      </ul>
      <span>Then point Claude Code at the gateway under <a href="#/setup">Setup</a>.</span>
    </section>
  );
}
