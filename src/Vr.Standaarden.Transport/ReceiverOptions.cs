using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Uitwisseling;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Transport;

/// <summary>Whether a receiver checks signatures.</summary>
public enum VerificationMode
{
    /// <summary>Every message must carry a <c>jws</c> that verifies; an unsigned message is refused (<c>VR-SIG-001</c>).</summary>
    Required,

    /// <summary>A signed message must verify; an unsigned one is accepted as unsigned.</summary>
    WhenSigned,

    /// <summary>Signatures are not checked. Chosen explicitly, never a default.</summary>
    Off,
}

/// <summary>Whether a receiver validates messages against the standard.</summary>
public enum ValidationMode
{
    /// <summary>Schema and domain rules of the release the message names (<see cref="MessageValidator"/>); errors refuse the message.</summary>
    Full,

    /// <summary>Not validated beyond what a typed handler's reader checks. Chosen explicitly, never a default.</summary>
    Off,
}

/// <summary>Whether a receiver applies the sharing policy for its own recipient identity.</summary>
public enum SharingMode
{
    /// <summary>The policy decides for <see cref="ReceiverOptions.Recipient"/>: refused messages never reach the handler, minimised ones reach it minimised.</summary>
    Enforce,

    /// <summary>The policy is not applied. Chosen explicitly, never a default.</summary>
    Off,
}

/// <summary>Whether a receiver remembers what it accepted.</summary>
public enum DeduplicationMode
{
    /// <summary>Every (<c>source</c>, <c>id</c>) has one effect, through <see cref="ReceiverOptions.Inbox"/>.</summary>
    Inbox,

    /// <summary>Every delivery reaches the handler, redeliveries included. Chosen explicitly, never a default.</summary>
    Off,
}

/// <summary>
/// How a <see cref="MessageReceiver"/> checks messages before application code sees them. Every step is on by default
/// and needs what it works with; a step is skipped only when its mode says <c>Off</c>, and a step that is on without
/// what it needs fails when the receiver is made, never by silently passing messages.
/// </summary>
public sealed class ReceiverOptions
{
    /// <summary>Signature checking; <see cref="VerificationMode.Required"/> by default.</summary>
    public VerificationMode Verification { get; set; } = VerificationMode.Required;

    /// <summary>The verifier, with the trust anchors or trust list; needed unless <see cref="Verification"/> is <see cref="VerificationMode.Off"/>.</summary>
    public MessageVerifier? Verifier { get; set; }

    /// <summary>Validation; <see cref="ValidationMode.Full"/> by default.</summary>
    public ValidationMode Validation { get; set; } = ValidationMode.Full;

    /// <summary>The validator; a default <see cref="MessageValidator"/> when not set.</summary>
    public MessageValidator? Validator { get; set; }

    /// <summary>The sharing policy; <see cref="SharingMode.Enforce"/> by default.</summary>
    public SharingMode Sharing { get; set; } = SharingMode.Enforce;

    /// <summary>The policy, with the recipient register; needed unless <see cref="Sharing"/> is <see cref="SharingMode.Off"/>.</summary>
    public SharingPolicy? Policy { get; set; }

    /// <summary>The receiver's own OIN, as the policy's recipient; needed unless <see cref="Sharing"/> is <see cref="SharingMode.Off"/>.</summary>
    public string? Recipient { get; set; }

    /// <summary>De-duplication; <see cref="DeduplicationMode.Inbox"/> by default.</summary>
    public DeduplicationMode Deduplication { get; set; } = DeduplicationMode.Inbox;

    /// <summary>The inbox; needed unless <see cref="Deduplication"/> is <see cref="DeduplicationMode.Off"/>.</summary>
    public IInbox? Inbox { get; set; }

    /// <summary>The bounds on one message; <see cref="InputLimits.Default"/> when not set.</summary>
    public InputLimits Limits { get; set; } = InputLimits.Default;

    /// <summary>How long a binding waits before delivering again a message whose handler failed; 1 s by default.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most messages <see cref="MessageReceiver.RunAsync"/> takes through one commit of the inbox when that many are
    /// waiting (group commit); none is acknowledged before the commit that holds it. A message that arrives alone is
    /// committed alone, without waiting for others. 1 commits every message by itself; 256 by default.
    /// </summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>
    /// How many messages of a batch <see cref="MessageReceiver.RunAsync"/> checks at once (parse, signature, validation,
    /// sharing policy); they are handled and settled in the order they arrived all the same. One per processor by default.
    /// </summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    internal void Check()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(Parallelism));
        if (Verification != VerificationMode.Off && Verifier is null)
        {
            throw new InvalidOperationException($"Verification is {Verification} but no Verifier is set: set ReceiverOptions.Verifier (trust anchors or a trust list), or set Verification to VerificationMode.Off to accept messages without checking their signatures.");
        }

        if (Sharing == SharingMode.Enforce && (Policy is null || string.IsNullOrEmpty(Recipient)))
        {
            throw new InvalidOperationException("Sharing is Enforce but no Policy or Recipient is set: set ReceiverOptions.Policy and ReceiverOptions.Recipient (this receiver's OIN), or set Sharing to SharingMode.Off.");
        }

        if (Deduplication == DeduplicationMode.Inbox && Inbox is null)
        {
            throw new InvalidOperationException("Deduplication is Inbox but no Inbox is set: set ReceiverOptions.Inbox (such as a SqliteInbox), or set Deduplication to DeduplicationMode.Off.");
        }

        ArgumentNullException.ThrowIfNull(Limits);
    }
}
