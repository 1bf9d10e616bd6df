using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>The algorithms a message may be signed with: ECDSA P-256, and RSA (PSS or PKCS #1 v1.5) for keys such as PKIoverheid's.</summary>
public enum SigningAlgorithm
{
    /// <summary>ECDSA with P-256 and SHA-256.</summary>
    ES256,

    /// <summary>RSASSA-PSS with SHA-256 (salt of 32 bytes).</summary>
    PS256,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    RS256,
}

/// <summary>
/// Signs messages as the 1.1 envelope defines <c>jws</c>: a compact JWS with detached payload (RFC 7515 appendix F)
/// over the RFC 8785 canonical form of the message without <c>jws</c>, the protected header naming the algorithm and the
/// certificate chain (<c>x5c</c>, leaf first) and/or the key (<c>kid</c>). Thread-safe.
/// </summary>
public sealed class MessageSigner
{
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly AsymmetricAlgorithm _key;
    private readonly byte[] _header;

    /// <summary>
    /// A signer with a certificate and its private key, the chain after it (intermediates) going into <c>x5c</c>. The
    /// algorithm defaults to ES256 for an EC key and PS256 for an RSA key.
    /// </summary>
    /// <exception cref="ArgumentException">The certificate has no private key, or the key does not fit the algorithm.</exception>
    public MessageSigner(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null, SigningAlgorithm? algorithm = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        _key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("The certificate has no private key (ECDSA P-256 or RSA).", nameof(certificate));
        Algorithm = algorithm ?? (_key is ECDsa ? SigningAlgorithm.ES256 : SigningAlgorithm.PS256);
        Check(_key, Algorithm);
        var x5c = new[] { certificate }.Concat(chain ?? []).Select(c => Convert.ToBase64String(c.RawData)).ToArray();
        _header = Header(Algorithm, keyId, x5c);
    }

    /// <summary>A signer with a bare key named <paramref name="keyId"/> (<c>kid</c>), for receivers that hold a trust list.</summary>
    /// <exception cref="ArgumentException">The key is not ECDSA P-256 or RSA of 2048 bits or more, or does not fit the algorithm.</exception>
    public MessageSigner(AsymmetricAlgorithm key, string keyId, SigningAlgorithm? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        _key = key;
        Algorithm = algorithm ?? (key is ECDsa ? SigningAlgorithm.ES256 : SigningAlgorithm.PS256);
        Check(key, Algorithm);
        _header = Header(Algorithm, keyId, null);
    }

    /// <summary>The algorithm this signer uses.</summary>
    public SigningAlgorithm Algorithm { get; }

    /// <summary>The value of <c>jws</c> for <paramref name="message"/> (any <c>jws</c> already in it is left out).</summary>
    /// <exception cref="CanonicalizationException">The message is not I-JSON; the exception says where.</exception>
    public string CreateJws(ReadOnlySpan<byte> message)
    {
        var canonical = JsonCanonicalizer.Canonicalize(message, InputLimits.Default, "jws");
        var header = Base64Url.EncodeToString(_header);
        var input = Encoding.ASCII.GetBytes(header + "." + Base64Url.EncodeToString(canonical));
        return header + ".." + Base64Url.EncodeToString(SignData(_key, Algorithm, input));
    }

    /// <summary>The message with its <c>jws</c> set (replacing one it had), written indented.</summary>
    /// <exception cref="CanonicalizationException">The message is not I-JSON or not a JSON object; the exception says where.</exception>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var jws = CreateJws(message);
        if (JsonNode.Parse(JsonInput.SkipByteOrderMark(message)) is not JsonObject envelope)
        {
            throw new CanonicalizationException("A message is a JSON object.", 0, "");
        }

        envelope.Remove("jws");
        envelope["jws"] = jws;
        return Encoding.UTF8.GetBytes(envelope.ToJsonString(Output));
    }

    internal static byte[] SignData(AsymmetricAlgorithm key, SigningAlgorithm algorithm, byte[] input) => (key, algorithm) switch
    {
        (ECDsa ec, SigningAlgorithm.ES256) => ec.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        (RSA rsa, SigningAlgorithm.PS256) => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        (RSA rsa, SigningAlgorithm.RS256) => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new ArgumentException($"A {key.GetType().Name} key cannot sign with {algorithm}."),
    };

    /// <summary>Whether <paramref name="key"/> fits <paramref name="algorithm"/>: P-256 for ES256, RSA of at least 2048 bits for PS256 and RS256.</summary>
    internal static string? Fits(AsymmetricAlgorithm key, SigningAlgorithm algorithm) => (key, algorithm) switch
    {
        (ECDsa ec, SigningAlgorithm.ES256) when ec.KeySize == 256 => null,
        (ECDsa, SigningAlgorithm.ES256) => "ES256 needs a P-256 key",
        (RSA rsa, SigningAlgorithm.PS256 or SigningAlgorithm.RS256) when rsa.KeySize >= 2048 => null,
        (RSA, SigningAlgorithm.PS256 or SigningAlgorithm.RS256) => $"{algorithm} needs an RSA key of at least 2048 bits",
        _ => $"a {(key is ECDsa ? "EC" : key is RSA ? "RSA" : key.GetType().Name)} key does not fit {algorithm}",
    };

    private static void Check(AsymmetricAlgorithm key, SigningAlgorithm algorithm)
    {
        if (Fits(key, algorithm) is { } why)
        {
            throw new ArgumentException($"The key does not fit: {why}.");
        }
    }

    private static byte[] Header(SigningAlgorithm algorithm, string? keyId, string[]? x5c)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", algorithm.ToString());
            if (keyId is not null)
            {
                writer.WriteString("kid", keyId);
            }

            if (x5c is not null)
            {
                writer.WriteStartArray("x5c");
                foreach (var certificate in x5c)
                {
                    writer.WriteStringValue(certificate);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
