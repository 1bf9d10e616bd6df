namespace Vr.Standaarden.Transport;

/// <summary>
/// What a receiver remembers of the messages it accepted, by (<c>source</c>, <c>id</c>), so that a redelivered message
/// has no second effect. An entry is taken before the handler runs and committed after it, together with the handler's
/// own writes when they go into the same store, so a crash between the two leaves neither.
/// </summary>
public interface IInbox
{
    /// <summary>
    /// Whether (<paramref name="source"/>, <paramref name="id"/>) was accepted before. A receiver that checks a batch on
    /// several cores asks this from several threads at once.
    /// </summary>
    ValueTask<bool> ContainsAsync(string source, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts accepting (<paramref name="source"/>, <paramref name="id"/>); <c>null</c> when it was accepted before.
    /// Until the entry is committed or disposed, other calls wait.
    /// </summary>
    ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts accepting several messages that become durable together, in one commit of the store (group commit). The
    /// default takes each entry through <see cref="BeginAsync"/> and so commits each alone (a receiver then acknowledges
    /// each message as soon as it is handled); a store that can do better
    /// (<c>SqliteInbox</c>: one transaction, a savepoint per message) overrides it. Until the batch is committed or
    /// disposed, other calls wait.
    /// </summary>
    ValueTask<InboxBatch> BeginBatchAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<InboxBatch>(new OneByOneBatch(this));
}

/// <summary>An accepted message's place in an <see cref="IInbox"/>, not yet final until <see cref="CommitAsync"/>.</summary>
public abstract class InboxEntry : IAsyncDisposable
{
    /// <summary>
    /// Makes the acceptance (and whatever was written with it) durable; for an entry of an <see cref="InboxBatch"/>, keeps
    /// it in the batch, durable when the batch commits.
    /// </summary>
    public abstract ValueTask CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>Undoes what was not committed; for an entry of an <see cref="InboxBatch"/>, only this entry's part.</summary>
    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// Several acceptances that become durable in one commit: each message's entry is taken with <see cref="BeginAsync"/>
/// and kept (<see cref="InboxEntry.CommitAsync"/>) or undone on its own (<see cref="InboxEntry.DisposeAsync"/>); then
/// <see cref="CommitAsync"/> makes every kept entry durable at once, and disposing without it undoes them all. A
/// receiver acknowledges none of the batch's messages before the batch committed.
/// </summary>
public abstract class InboxBatch : IAsyncDisposable
{
    /// <summary>
    /// Starts accepting (<paramref name="source"/>, <paramref name="id"/>) inside the batch; <c>null</c> when it was
    /// accepted before, in the batch included. One entry at a time: the previous one is committed or disposed first.
    /// </summary>
    public abstract ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default);

    /// <summary>Makes every entry kept in the batch durable, in one commit.</summary>
    public abstract ValueTask CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>Undoes whatever the batch kept and did not commit.</summary>
    public abstract ValueTask DisposeAsync();
}

/// <summary>The batch of an inbox without group commit: each entry commits by itself.</summary>
internal sealed class OneByOneBatch(IInbox inbox) : InboxBatch
{
    public override ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default) =>
        inbox.BeginAsync(source, id, cancellationToken);

    public override ValueTask CommitAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
