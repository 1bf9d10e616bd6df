using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Transport.Tests.Nats;

/// <summary>
/// The topology of samples/nats, started for real: a national hub (domain landelijk) and a regional server (domain vr06)
/// as its leaf node, the leaf link (mutual TLS, with a PKI the topology makes) running through a <see cref="TcpProxy"/> so a
/// test can cut it.
/// </summary>
internal sealed class NatsTopology : IDisposable
{
    public const string Password = "knooppunt-test";

    private readonly string _folder = Directory.CreateTempSubdirectory("vr-topologie-").FullName;

    public NatsTopology()
    {
        using (var root = Authority("VR test leaf CA"))
        {
            Issue(root, "landelijk", "hub", server: true);
            Issue(root, "vr06", "vr06", server: false);
            File.WriteAllText(Path.Combine(_folder, "ca.pem"), root.ExportCertificatePem());
        }

        var configs = Path.Combine(ConformanceSuites.RepositoryRoot, "samples", "nats");
        var leafPort = NatsServer.FreePort();
        var hubPort = NatsServer.FreePort();
        Hub = NatsServer.StartWithConfig(Path.Combine(configs, "landelijk.conf"), hubPort, _folder, new Dictionary<string, string>
        {
            ["VR_NATS_NAME"] = "landelijk",
            ["VR_NATS_PORT"] = hubPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["VR_NATS_LEAF_PORT"] = leafPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["VR_NATS_STORE"] = Path.Combine(_folder, "landelijk"),
            ["VR_NATS_KNOOPPUNT"] = Password,
            ["VR_NATS_REGIO"] = "regio-test",
            ["VR_NATS_REGIO06"] = Region06.GetPublicKey(),
            ["VR_NATS_REGIO07"] = Region07.GetPublicKey(),
            ["VR_NATS_LEAF_CERT"] = Path.Combine(_folder, "hub.pem"),
            ["VR_NATS_LEAF_KEY"] = Path.Combine(_folder, "hub.key"),
            ["VR_NATS_LEAF_CA"] = Path.Combine(_folder, "ca.pem"),
        });
        Link = new TcpProxy(leafPort);
        Region = StartRegion("vr06", "vr06", Path.Combine(_folder, "ca.pem"));
    }

    /// <summary>
    /// Starts a regional server (domain <paramref name="name"/>) that links to the hub through <see cref="Link"/> with the
    /// certificate <paramref name="certificate"/> (<c>.pem</c> and <c>.key</c> in the topology's folder) and checks the
    /// hub against <paramref name="anchors"/>.
    /// </summary>
    public NatsServer StartRegion(string name, string certificate, string anchors)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name + "-log")).FullName;
        var port = NatsServer.FreePort();
        return NatsServer.StartWithConfig(Path.Combine(ConformanceSuites.RepositoryRoot, "samples", "nats", "regio.conf"), port, folder, new Dictionary<string, string>
        {
            ["VR_NATS_NAME"] = name,
            ["VR_NATS_DOMAIN"] = name,
            ["VR_NATS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["VR_NATS_STORE"] = Path.Combine(_folder, name),
            ["VR_NATS_HUB"] = $"nats-leaf://regio:regio-test@127.0.0.1:{Link.Port}",
            ["VR_NATS_KNOOPPUNT"] = Password,
            ["VR_NATS_LEAF_CERT"] = Path.Combine(_folder, certificate + ".pem"),
            ["VR_NATS_LEAF_KEY"] = Path.Combine(_folder, certificate + ".key"),
            ["VR_NATS_LEAF_CA"] = anchors,
        });
    }

    /// <summary>The folder the topology keeps its files in (certificates, stores, logs).</summary>
    public string Folder => _folder;

    /// <summary>A self-signed certificate authority.</summary>
    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Test, C=NL", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>Writes <c>&lt;file&gt;.pem</c> and <c>&lt;file&gt;.key</c>: a certificate of <paramref name="issuer"/> for 127.0.0.1.</summary>
    public void Issue(X509Certificate2 issuer, string name, string file, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Test, C=NL", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(server
            ? [new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"), new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")]
            : [new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")], false));
        // Within the issuer's validity (a later "now" than the issuer's could end a second after it).
        using var certificate = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), new DateTimeOffset(issuer.NotAfter.ToUniversalTime(), TimeSpan.Zero).AddDays(-1), RandomNumberGenerator.GetBytes(8));
        File.WriteAllText(Path.Combine(_folder, file + ".pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, file + ".key"), key.ExportPkcs8PrivateKeyPem());
    }

    public NatsServer Hub { get; }

    /// <summary>The NKey of a system of region 06 on the hub (the hub knows its public key only).</summary>
    public NATS.NKeys.KeyPair Region06 { get; } = NATS.NKeys.KeyPair.CreatePair(NATS.NKeys.PrefixByte.User);

    /// <summary>The NKey of a system of region 07 on the hub.</summary>
    public NATS.NKeys.KeyPair Region07 { get; } = NATS.NKeys.KeyPair.CreatePair(NATS.NKeys.PrefixByte.User);

    /// <summary>Connection options for the hub as the system holding <paramref name="key"/>.</summary>
    public NATS.Client.Core.NatsOpts As(NATS.NKeys.KeyPair key) => new()
    {
        Url = $"nats://127.0.0.1:{Hub.Port}",
        AuthOpts = new NATS.Client.Core.NatsAuthOpts { NKey = key.GetPublicKey(), Seed = key.GetSeed() },
    };

    public NatsServer Region { get; }

    public TcpProxy Link { get; }

    public static string UrlOf(NatsServer server, string user = "knooppunt", string password = Password) => $"nats://{user}:{password}@127.0.0.1:{server.Port}";

    public async Task WaitForLinkAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            // The server logs a leaf connection as created before its TLS handshake: linked is one still open a moment later.
            if (IsLinked(Region.Log()))
            {
                await Task.Delay(500);
                if (IsLinked(Region.Log()))
                {
                    return;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The regional server did not connect to the hub: " + Region.Log());
    }

    /// <summary>Whether a server's log shows a leaf connection created and not closed since.</summary>
    public static bool IsLinked(string log) => OpenLinks(log).Count > 0;

    /// <summary>
    /// The leaf connections (by their <c>lid</c>) a server's log shows created and not closed since. A connection
    /// that fails its handshake is open for the moment between the two lines, so one reading cannot tell it from a link.
    /// </summary>
    public static HashSet<string> OpenLinks(string log)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in log.Split('\n'))
        {
            var at = line.IndexOf(" - lid:", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var id = line[(at + 3)..].Split(' ')[0];
            if (line.Contains("Leafnode connection created", StringComparison.Ordinal))
            {
                open.Add(id);
            }
            else if (line.Contains("Leafnode connection closed", StringComparison.Ordinal))
            {
                open.Remove(id);
            }
        }

        return open;
    }

    public void Dispose()
    {
        Region06.Dispose();
        Region07.Dispose();
        Region.Dispose();
        Link.Dispose();
        Hub.Dispose();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
        }
    }
}
