namespace Vr.Standaarden.Transport;

/// <summary>
/// What a receiver remembers of the messages it accepted, by (<c>source</c>, <c>id</c>), so that a redelivered message
/// has no second effect. An entry is taken before the handler runs and committed after it, together with the handler's
/// own writes when they go into the same store, so a crash between the two leaves neither.
/// </summary>
public interface IInbox
{
    /// <summary>Whether (<paramref name="source"/>, <paramref name="id"/>) was accepted before.</summary>
    ValueTask<bool> ContainsAsync(string source, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts accepting (<paramref name="source"/>, <paramref name="id"/>); <c>null</c> when it was accepted before.
    /// Until the entry is committed or disposed, other calls wait.
    /// </summary>
    ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default);
}

/// <summary>An accepted message's place in an <see cref="IInbox"/>, not yet final until <see cref="CommitAsync"/>.</summary>
public abstract class InboxEntry : IAsyncDisposable
{
    /// <summary>Makes the acceptance (and whatever was written with it) durable.</summary>
    public abstract ValueTask CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>Undoes what was not committed.</summary>
    public abstract ValueTask DisposeAsync();
}
