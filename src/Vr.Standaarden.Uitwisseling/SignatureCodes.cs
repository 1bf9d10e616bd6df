namespace Vr.Standaarden.Uitwisseling;

/// <summary>The stable codes of a refused signature (<see cref="SignatureVerification.Code"/>).</summary>
public static class SignatureCodes
{
    /// <summary>The message has no <c>jws</c>.</summary>
    public const string Missing = "VR-SIG-001";

    /// <summary>The message cannot be canonicalized: not JSON, or not I-JSON (duplicate names, unpaired surrogates, numbers out of range).</summary>
    public const string NotCanonical = "VR-SIG-002";

    /// <summary>The <c>jws</c> is not a compact JWS with detached payload, or its header cannot be read.</summary>
    public const string Malformed = "VR-SIG-003";

    /// <summary>The algorithm is not allowed (<c>none</c>, HMAC, anything but ES256/PS256/RS256), or the header asks for extensions.</summary>
    public const string Algorithm = "VR-SIG-004";

    /// <summary>The key does not fit the algorithm (algorithm confusion), or is too weak.</summary>
    public const string KeyMismatch = "VR-SIG-005";

    /// <summary>There is no key: no <c>x5c</c>, and no <c>kid</c> in the trust list for the sender's OIN.</summary>
    public const string UnknownKey = "VR-SIG-006";

    /// <summary>The certificate chain does not lead to a configured trust anchor.</summary>
    public const string Untrusted = "VR-SIG-007";

    /// <summary>A certificate of the chain is not valid at the moment of verification (<see cref="VerifierOptions.At"/>).</summary>
    public const string NotValidAtTime = "VR-SIG-008";

    /// <summary>The OIN of the certificate (subject serialNumber) is not the OIN in <c>source</c>.</summary>
    public const string OinMismatch = "VR-SIG-009";

    /// <summary>The revocation check says a certificate of the chain is revoked.</summary>
    public const string Revoked = "VR-SIG-010";

    /// <summary>The signature does not verify: some byte of an attribute or of <c>data</c> changed, or another key signed.</summary>
    public const string BadSignature = "VR-SIG-011";
}
