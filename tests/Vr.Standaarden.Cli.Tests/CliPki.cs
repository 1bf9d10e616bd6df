using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vr.Standaarden.Cli.Tests;

/// <summary>A root and a leaf for <c>oin</c>, written as root.pem, leaf.pem and leaf.key into a folder, for the commands that sign and verify.</summary>
internal static class CliPki
{
    public static void Write(string folder, string oin)
    {
        string Path(string name) => System.IO.Path.Combine(folder, name);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root, C=NL", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var root = rootRequest.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("NL");
        name.Add("2.5.4.5", oin, UniversalTagNumber.PrintableString);
        name.AddCommonName("gms.test");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Valid around today: signatures are judged at the moment of verification.
        using var leaf = request.Create(root, DateTimeOffset.UtcNow.Date.AddDays(-60), DateTimeOffset.UtcNow.Date.AddDays(300), [7, 7]);
        File.WriteAllText(Path("root.pem"), root.ExportCertificatePem());
        File.WriteAllText(Path("leaf.pem"), leaf.ExportCertificatePem());
        File.WriteAllText(Path("leaf.key"), key.ExportPkcs8PrivateKeyPem());
    }
}
