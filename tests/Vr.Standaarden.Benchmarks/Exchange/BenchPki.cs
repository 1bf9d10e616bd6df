using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>A root and an ECDSA P-256 leaf for an OIN, valid through 2026, for the benchmarks that sign and verify.</summary>
internal static class BenchPki
{
    public static (X509Certificate2 Root, X509Certificate2 Leaf) Create(string oin)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Bench Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var root = rootRequest.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.Add("2.5.4.5", oin, UniversalTagNumber.PrintableString);
        name.AddCommonName("bench");
        var leaf = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256)
            .Create(root, DateTimeOffset.UtcNow.Date.AddDays(-60), DateTimeOffset.UtcNow.Date.AddDays(300), [1]).CopyWithPrivateKey(key);
        return (root, leaf);
    }
}
