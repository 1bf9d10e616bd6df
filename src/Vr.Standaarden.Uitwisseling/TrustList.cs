using System.Security.Cryptography;
using System.Text.Json;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>
/// Keys per OIN, for test and small setups without certificates: a JSON object whose members are OINs and whose values
/// are JWK sets, <c>{"00000004000000042000": {"keys": [{"kty": "EC", "crv": "P-256", "kid": "…", "x": "…", "y": "…"}]}}</c>.
/// A signature with a <c>kid</c> and no <c>x5c</c> verifies only with the key of that <c>kid</c> listed for the OIN in
/// <c>source</c>.
/// </summary>
public sealed class TrustList
{
    private readonly Dictionary<string, Dictionary<string, JsonElement>> _keys;

    private TrustList(Dictionary<string, Dictionary<string, JsonElement>> keys) => _keys = keys;

    /// <summary>Reads a trust list.</summary>
    /// <exception cref="FormatException">The JSON does not have the shape of a trust list; the message says where.</exception>
    public static TrustList Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The trust list is not JSON: {ex.Message}", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The trust list is a JSON object with an OIN per member.");
        }

        var keys = new Dictionary<string, Dictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var oin in root.EnumerateObject())
        {
            if (!oin.Value.TryGetProperty("keys", out var set) || set.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"/{oin.Name}: a JWK set {{\"keys\": [...]}} is expected.");
            }

            var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var i = 0;
            foreach (var key in set.EnumerateArray())
            {
                if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException($"/{oin.Name}/keys/{i}: every key needs a kid.");
                }

                byId[kid.GetString()!] = key.Clone();
                i++;
            }

            keys[oin.Name] = byId;
        }

        return new TrustList(keys);
    }

    /// <summary>The public key <paramref name="kid"/> listed for <paramref name="oin"/>: an <see cref="ECDsa"/> or <see cref="RSA"/>, or <c>null</c>.</summary>
    public AsymmetricAlgorithm? Find(string oin, string kid)
    {
        ArgumentNullException.ThrowIfNull(oin);
        ArgumentNullException.ThrowIfNull(kid);
        return _keys.TryGetValue(oin, out var set) && set.TryGetValue(kid, out var jwk) ? Jwk.PublicKey(jwk) : null;
    }
}

/// <summary>Public keys from and to JWK (RFC 7517/7518).</summary>
internal static class Jwk
{
    public static AsymmetricAlgorithm? PublicKey(JsonElement jwk)
    {
        string? Text(string name) => jwk.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        try
        {
            switch (Text("kty"))
            {
                case "EC" when Text("crv") == "P-256" && Text("x") is { } x && Text("y") is { } y:
                    return ECDsa.Create(new ECParameters
                    {
                        Curve = ECCurve.NamedCurves.nistP256,
                        Q = new ECPoint { X = System.Buffers.Text.Base64Url.DecodeFromChars(x), Y = System.Buffers.Text.Base64Url.DecodeFromChars(y) },
                    });
                case "RSA" when Text("n") is { } n && Text("e") is { } e:
                    var rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters { Modulus = System.Buffers.Text.Base64Url.DecodeFromChars(n), Exponent = System.Buffers.Text.Base64Url.DecodeFromChars(e) });
                    return rsa;
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
