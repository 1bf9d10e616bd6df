using System.Security.Cryptography.X509Certificates;
using Vr.Standaarden.Schema;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>The outcome of verifying a message's signature: the sender's OIN when verified, else a code and a reason.</summary>
public sealed record SignatureVerification
{
    /// <summary>Whether the signature verified and is bound to the OIN in <c>source</c>.</summary>
    public bool IsVerified => Code is null;

    /// <summary>The OIN the signature is bound to (and that <c>source</c> names), when verified.</summary>
    public string? Oin { get; init; }

    /// <summary>The refusal code (<see cref="SignatureCodes"/>), or <c>null</c> when verified.</summary>
    public string? Code { get; init; }

    /// <summary>Why it was refused, in English and Dutch.</summary>
    public LocalizedText? Reason { get; init; }

    /// <summary>The signer's certificate, when the header carried one.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The algorithm of the signature, when it could be read.</summary>
    public string? Algorithm { get; init; }

    internal static SignatureVerification Refuse(string code, string english, string dutch) =>
        new() { Code = code, Reason = new LocalizedText(english, dutch) };
}

/// <summary>What a revocation check says of a certificate at a moment.</summary>
public enum RevocationStatus
{
    /// <summary>Not revoked.</summary>
    Good,

    /// <summary>Revoked: the signature is refused.</summary>
    Revoked,
}
