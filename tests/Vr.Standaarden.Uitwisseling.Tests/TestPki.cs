using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vr.Standaarden.Uitwisseling.Tests;

/// <summary>A small PKI made for each test run: a root, an intermediate, and leaf certificates that carry an OIN.</summary>
internal static class TestPki
{
    /// <summary>The start of a leaf's validity: 60 days before today, as signatures are judged at the moment of verification.</summary>
    public static readonly DateTimeOffset Start = new(DateTime.UtcNow.Date.AddDays(-60), TimeSpan.Zero);

    /// <summary>The end of a leaf's validity: 300 days after today.</summary>
    public static readonly DateTimeOffset End = new(DateTime.UtcNow.Date.AddDays(300), TimeSpan.Zero);

    public static (X509Certificate2 Root, X509Certificate2 Intermediate) Authority(string name = "Test Staat der Nederlanden")
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN={name} Root, O=Test, C=NL", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var root = rootRequest.CreateSelfSigned(Start.AddYears(-5), End.AddYears(5));

        var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} Organisatie CA, O=Test, C=NL", intermediateKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var intermediate = request.Create(root, Start.AddYears(-5), End.AddYears(2), [1, 2, 3]).CopyWithPrivateKey(intermediateKey);
        return (root, intermediate);
    }

    /// <summary>A leaf for <paramref name="oin"/> (in the subject's serialNumber, as PKIoverheid does), signed by <paramref name="issuer"/>.</summary>
    public static X509Certificate2 Leaf(X509Certificate2 issuer, string? oin, AsymmetricAlgorithm key, DateTimeOffset? from = null, DateTimeOffset? until = null, X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("NL");
        name.AddOrganizationName("Veiligheidsregio Test");
        if (oin is not null)
        {
            name.Add("2.5.4.5", oin, UniversalTagNumber.PrintableString);
        }

        name.AddCommonName("gms.test");
        var request = key switch
        {
            ECDsa ec => new CertificateRequest(name.Build(), ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(name.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("EC or RSA"),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        // The issuer's EC key signs, whatever the leaf's key is.
        var certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuer.GetECDsaPrivateKey()!), from ?? Start, until ?? End, RandomNumberGenerator.GetBytes(8));
        return key switch
        {
            ECDsa ec => certificate.CopyWithPrivateKey(ec),
            RSA rsa => certificate.CopyWithPrivateKey(rsa),
            _ => throw new ArgumentException("EC or RSA"),
        };
    }
}
