using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>What a verifier trusts and checks.</summary>
public sealed class VerifierOptions
{
    /// <summary>The trust anchors (root certificates, such as the PKIoverheid roots) a chain in <c>x5c</c> must lead to.</summary>
    public X509Certificate2Collection TrustAnchors { get; } = [];

    /// <summary>Keys per OIN for signatures with a <c>kid</c> and no <c>x5c</c> (test and small setups).</summary>
    public TrustList? TrustList { get; set; }

    /// <summary>
    /// A revocation check for each certificate of a verified chain at the moment of verification (<see cref="At"/>)
    /// (CRL, OCSP, or a list of your own); none by default.
    /// </summary>
    public Func<X509Certificate2, DateTimeOffset, RevocationStatus>? Revocation { get; set; }

    /// <summary>The algorithms accepted: ES256, PS256 and RS256 by default. <c>none</c> and HMAC are never accepted.</summary>
    public ISet<SigningAlgorithm> Algorithms { get; } = new HashSet<SigningAlgorithm> { SigningAlgorithm.ES256, SigningAlgorithm.PS256, SigningAlgorithm.RS256 };

    /// <summary>The bounds on a message's size and depth.</summary>
    public InputLimits Limits { get; set; } = InputLimits.Default;

    /// <summary>
    /// The moment at which certificates must be valid and not revoked; <c>null</c> (the default) for now, by
    /// <see cref="Clock"/>. Never the message's own <c>time</c>: a signer chooses that, so a message dated back to before
    /// its certificate expired would still verify. Set it for an audit of what was verified at an earlier moment
    /// (<c>vr verify --at</c>).
    /// </summary>
    public DateTimeOffset? At { get; set; }

    /// <summary>The clock that says what now is when <see cref="At"/> is not set; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}

/// <summary>
/// Verifies the <c>jws</c> of a message: the signature over the RFC 8785 form of the message without <c>jws</c>, the
/// key (the certificate chain in <c>x5c</c> to a trust anchor, valid and not revoked at the moment of verification; or the
/// <c>kid</c> in the trust list), and that the OIN of the key is the OIN in <c>source</c>. Thread-safe.
/// </summary>
public sealed class MessageVerifier
{
    private const string SerialNumberOid = "2.5.4.5";
    private readonly VerifierOptions _options;

    /// <summary>A verifier with <paramref name="options"/>.</summary>
    public MessageVerifier(VerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Verifies the message in <paramref name="message"/> (UTF-8 JSON), and records the outcome (<see cref="Accountability"/>).</summary>
    public SignatureVerification Verify(ReadOnlySpan<byte> message) => Verify(message, null);

    /// <summary>
    /// Verifies the message in <paramref name="message"/> (UTF-8 JSON) that the caller has already parsed into
    /// <paramref name="parsed"/> (with <see cref="JsonInput.Parse"/>), reading its <c>jws</c>, <c>id</c> and <c>source</c>
    /// from that document instead of parsing the bytes again; the signature is still checked over the canonical form of
    /// the bytes. Records the outcome as <see cref="Verify(ReadOnlySpan{byte})"/> does.
    /// </summary>
    public SignatureVerification Verify(ReadOnlySpan<byte> message, JsonElement parsed) => Verify(message, (JsonElement?)parsed);

    private SignatureVerification Verify(ReadOnlySpan<byte> message, JsonElement? parsed)
    {
        var result = VerifyCore(message, parsed, out var id, out var source);
        Accountability.Record(result.IsVerified ? "vr.bericht.ontvangen" : "vr.bericht.geweigerd", result.IsVerified,
        [
            new("vr.bericht.id", id),
            new("vr.bericht.source", source),
            new("vr.handtekening.oin", result.Oin),
            new("vr.code", result.Code),
        ]);
        return result;
    }

    private SignatureVerification VerifyCore(ReadOnlySpan<byte> message, JsonElement? parsed, out string? id, out string? sourceText)
    {
        id = sourceText = null;
        byte[] canonical;
        try
        {
            canonical = JsonCanonicalizer.Canonicalize(message, _options.Limits, "jws");
        }
        catch (CanonicalizationException ex)
        {
            return SignatureVerification.Refuse(SignatureCodes.NotCanonical, $"The message cannot be canonicalized: {ex.Message}", $"Het bericht is niet te canonicaliseren: {ex.Message}");
        }

        using var own = parsed is null ? JsonInput.ParseDocument(message, _options.Limits, nameof(MessageVerifier)) : null;
        var root = parsed ?? own!.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            sourceText = root.TryGetProperty("source", out var sourceElement) && sourceElement.ValueKind == JsonValueKind.String ? sourceElement.GetString() : null;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("jws", out var jwsElement) || jwsElement.ValueKind != JsonValueKind.String)
        {
            return SignatureVerification.Refuse(SignatureCodes.Missing, "The message has no jws (a string) to verify.", "Het bericht heeft geen jws (een tekst) om te controleren.");
        }

        var source = sourceText ?? "";
        var oin = OinOf(source);
        return Verify(jwsElement.GetString()!, canonical, oin, source, _options.At ?? _options.Clock.GetUtcNow());
    }

    private SignatureVerification Verify(string jws, byte[] canonical, string? oin, string source, DateTimeOffset time)
    {
        var parts = jws.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length != 0 || parts[2].Length == 0)
        {
            return SignatureVerification.Refuse(SignatureCodes.Malformed, "The jws is not a compact JWS with detached payload (header..signature).", "De jws is geen compacte JWS met losgekoppelde payload (header..handtekening).");
        }

        byte[] headerBytes, signature;
        JsonElement header;
        try
        {
            headerBytes = Base64Url.DecodeFromChars(parts[0]);
            signature = Base64Url.DecodeFromChars(parts[2]);
            JsonCanonicalizer.Canonicalize(headerBytes);
            using var headerDocument = JsonDocument.Parse(headerBytes);
            header = headerDocument.RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return SignatureVerification.Refuse(SignatureCodes.Malformed, $"The JWS header cannot be read: {ex.Message}", $"De JWS-header is niet te lezen: {ex.Message}");
        }

        if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("alg", out var algElement) || algElement.ValueKind != JsonValueKind.String)
        {
            return SignatureVerification.Refuse(SignatureCodes.Malformed, "The JWS header names no algorithm (alg).", "De JWS-header noemt geen algoritme (alg).");
        }

        var alg = algElement.GetString()!;
        if (!Enum.TryParse<SigningAlgorithm>(alg, ignoreCase: false, out var algorithm) || alg != algorithm.ToString() || !_options.Algorithms.Contains(algorithm))
        {
            return SignatureVerification.Refuse(SignatureCodes.Algorithm, $"The algorithm '{alg}' is not accepted; accepted are {string.Join(", ", _options.Algorithms)} (never none or HMAC).",
                $"Het algoritme '{alg}' wordt niet aanvaard; aanvaard worden {string.Join(", ", _options.Algorithms)} (nooit none of HMAC).");
        }

        if (header.TryGetProperty("crit", out _) || header.TryGetProperty("b64", out _))
        {
            return SignatureVerification.Refuse(SignatureCodes.Algorithm, "The JWS header asks for extensions (crit or b64) this standard does not use.", "De JWS-header vraagt om uitbreidingen (crit of b64) die deze standaard niet gebruikt.");
        }

        if (oin is null)
        {
            return SignatureVerification.Refuse(SignatureCodes.OinMismatch, $"The source '{source}' names no OIN (urn:nld:oin:<OIN>) to bind the signature to.", $"De source '{source}' noemt geen OIN (urn:nld:oin:<OIN>) om de handtekening aan te binden.");
        }

        AsymmetricAlgorithm? key;
        CachedSigner? pooled = null;
        X509Certificate2? leaf = null;
        var chain = new List<X509Certificate2>();
        try
        {
            if (header.TryGetProperty("x5c", out var x5c))
            {
                if (x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0)
                {
                    return SignatureVerification.Refuse(SignatureCodes.Malformed, "x5c is not a non-empty array of certificates.", "x5c is geen niet-lege reeks certificaten.");
                }

                // The certificates and the leaf's key are read once per x5c (a bounded number are kept: x5c comes from outside).
                var raw = x5c.GetRawText();
                if (!_signers.TryGetValue(raw, out var signer))
                {
                    foreach (var item in x5c.EnumerateArray())
                    {
                        chain.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(item.GetString() ?? "")));
                    }

                    signer = new CachedSigner(chain);
                    if (_signers.Count >= MaxChains)
                    {
                        _signers.Clear();
                    }

                    _signers[raw] = signer;
                }

                leaf = signer.Certificates[0];
                if (CheckCertificate(leaf, signer.Certificates, oin, time) is { } refused)
                {
                    return refused with { Algorithm = alg, Certificate = leaf };
                }

                key = signer.Rent();
                pooled = signer;
            }
            else if (header.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String)
            {
                key = _options.TrustList?.Find(oin, kid.GetString()!);
                if (key is null)
                {
                    return SignatureVerification.Refuse(SignatureCodes.UnknownKey, $"The key '{kid.GetString()}' is not in the trust list for OIN {oin}.", $"De sleutel '{kid.GetString()}' staat niet in de vertrouwenslijst bij OIN {oin}.") with { Algorithm = alg };
                }
            }
            else
            {
                return SignatureVerification.Refuse(SignatureCodes.UnknownKey, "The JWS header has neither x5c nor kid: there is no key to verify with.", "De JWS-header heeft x5c noch kid: er is geen sleutel om mee te controleren.") with { Algorithm = alg };
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or InvalidOperationException)
        {
            return SignatureVerification.Refuse(SignatureCodes.Malformed, $"A certificate in x5c cannot be read: {ex.Message}", $"Een certificaat in x5c is niet te lezen: {ex.Message}") with { Algorithm = alg };
        }

        var why = key is null ? "it is neither EC nor RSA" : MessageSigner.Fits(key, algorithm);
        if (key is null || why is not null)
        {
            if (pooled is not null)
            {
                pooled.Return(key);
            }
            else
            {
                key?.Dispose();
            }

            return SignatureVerification.Refuse(SignatureCodes.KeyMismatch, $"The key does not fit {alg}: {why}.", $"De sleutel past niet bij {alg}: {why}.") with { Algorithm = alg, Certificate = leaf };
        }

        var input = Encoding.ASCII.GetBytes(parts[0] + "." + Base64Url.EncodeToString(canonical));
        bool valid;
        if (pooled is not null)
        {
            // A key of the signer's pool is this call's alone: messages of one signer verify on every core at once.
            valid = Check(key, algorithm, input, signature);
            pooled.Return(key);
        }
        else
        {
            // The trust list made this key for this call.
            valid = Check(key, algorithm, input, signature);
            key.Dispose();
        }

        return valid
            ? new SignatureVerification { Oin = oin, Certificate = leaf, Algorithm = alg }
            : SignatureVerification.Refuse(SignatureCodes.BadSignature, "The signature does not verify: the message was changed after signing, or another key signed it.", "De handtekening klopt niet: het bericht is na ondertekening gewijzigd, of een andere sleutel ondertekende.") with { Algorithm = alg, Certificate = leaf };
    }

    private SignatureVerification? CheckCertificate(X509Certificate2 leaf, List<X509Certificate2> certificates, string oin, DateTimeOffset at)
    {
        var subjectOin = SubjectSerialNumber(leaf);
        if (subjectOin != oin)
        {
            return SignatureVerification.Refuse(SignatureCodes.OinMismatch,
                $"The certificate is of OIN {subjectOin ?? "(none: no serialNumber in its subject)"}, the source names OIN {oin}.",
                $"Het certificaat is van OIN {subjectOin ?? "(geen: geen serialNumber in het onderwerp)"}, de source noemt OIN {oin}.");
        }

        var key = string.Join(",", certificates.Select(c => c.Thumbprint));
        if (!_chains.TryGetValue(key, out var chain))
        {
            // Only chains that lead to an anchor are kept, and at most a bounded number: x5c comes from outside.
            chain = BuildChain(certificates);
            if (chain.Problem is null)
            {
                if (_chains.Count >= MaxChains)
                {
                    _chains.Clear();
                }

                _chains[key] = chain;
            }
        }

        if (chain.Problem is { } problem)
        {
            return SignatureVerification.Refuse(SignatureCodes.Untrusted, $"The certificate chain does not lead to a trust anchor ({problem}).", $"De certificaatketen leidt niet naar een vertrouwd basiscertificaat ({problem}).");
        }

        // Every certificate of the chain, the anchor included, must be valid at the moment of verification.
        if (at.UtcDateTime < chain.NotBefore || at.UtcDateTime > chain.NotAfter)
        {
            return SignatureVerification.Refuse(SignatureCodes.NotValidAtTime, $"A certificate of the chain is not valid at the moment of verification {at.UtcDateTime:O} (the chain is valid from {chain.NotBefore:O} to {chain.NotAfter:O}).",
                $"Een certificaat van de keten is niet geldig op het moment van controle {at.UtcDateTime:O} (de keten is geldig van {chain.NotBefore:O} tot {chain.NotAfter:O}).");
        }

        if (leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage &&
            (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            return SignatureVerification.Refuse(SignatureCodes.KeyMismatch, "The certificate's key usage does not allow signing.", "Het sleutelgebruik van het certificaat staat ondertekenen niet toe.");
        }

        if (_options.Revocation is { } revocation)
        {
            foreach (var element in chain.Elements)
            {
                if (revocation(element, at) == RevocationStatus.Revoked)
                {
                    return SignatureVerification.Refuse(SignatureCodes.Revoked, $"The certificate {element.Subject} is revoked.", $"Het certificaat {element.Subject} is ingetrokken.");
                }
            }
        }

        return null;
    }

    // A chain built once per set of certificates (the anchors are this verifier's): whether it leads to an anchor, and
    // the period in which all its certificates are valid. The moment of verification is checked against that period.
    private const int MaxChains = 1024;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BuiltChain> _chains = new(StringComparer.Ordinal);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CachedSigner> _signers = new(StringComparer.Ordinal);

    private static bool Check(AsymmetricAlgorithm key, SigningAlgorithm algorithm, byte[] input, byte[] signature) => (key, algorithm) switch
    {
        (ECDsa ec, SigningAlgorithm.ES256) => signature.Length == 64 && ec.VerifyData(input, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        (RSA rsa, SigningAlgorithm.PS256) => rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        (RSA rsa, SigningAlgorithm.RS256) => rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => false,
    };

    /// <summary>
    /// The certificates of one x5c and a pool of its leaf's public key: a key object serves one verification at a time, so
    /// each concurrent verification takes its own (made from the certificate when the pool is empty) and gives it back.
    /// </summary>
    private sealed class CachedSigner(List<X509Certificate2> certificates)
    {
        private const int MaxPooled = 64;
        private readonly System.Collections.Concurrent.ConcurrentBag<AsymmetricAlgorithm> _keys = [];

        public List<X509Certificate2> Certificates { get; } = certificates;

        public AsymmetricAlgorithm? Rent() =>
            _keys.TryTake(out var key) ? key : (AsymmetricAlgorithm?)Certificates[0].GetECDsaPublicKey() ?? Certificates[0].GetRSAPublicKey();

        public void Return(AsymmetricAlgorithm? key)
        {
            if (key is null)
            {
                return;
            }

            if (_keys.Count < MaxPooled)
            {
                _keys.Add(key);
            }
            else
            {
                key.Dispose();
            }
        }
    }

    private sealed record BuiltChain(string? Problem, DateTime NotBefore, DateTime NotAfter, X509Certificate2[] Elements);

    private BuiltChain BuildChain(List<X509Certificate2> certificates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_options.TrustAnchors);
        chain.ChainPolicy.ExtraStore.AddRange(certificates.Skip(1).ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreNotTimeNested;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(certificates[0]))
        {
            var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            return new BuiltChain(status.Length == 0 ? "unknown" : status, default, default, []);
        }

        var elements = chain.ChainElements.Select(e => e.Certificate).ToArray();
        return new BuiltChain(null, elements.Max(e => e.NotBefore.ToUniversalTime()), elements.Min(e => e.NotAfter.ToUniversalTime()), elements);
    }

    /// <summary>The OIN in a <c>source</c> such as <c>urn:nld:oin:00000004000000042000:systeem:GMS</c>, or <c>null</c>.</summary>
    public static string? OinOf(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        const string prefix = "urn:nld:oin:";
        if (!source.StartsWith(prefix, StringComparison.Ordinal) || source.Length < prefix.Length + 20)
        {
            return null;
        }

        var oin = source.Substring(prefix.Length, 20);
        return (source.Length == prefix.Length + 20 || source[prefix.Length + 20] == ':') && oin.All(char.IsAsciiLetterOrDigit) ? oin : null;
    }

    /// <summary>The subject's serialNumber (OID 2.5.4.5) of a certificate: the OIN in a PKIoverheid certificate.</summary>
    public static string? SubjectSerialNumber(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == SerialNumberOid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }
}
