using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Transport.Tests.Nats;

/// <summary>
/// The topology of samples/nats, started for real: a national hub (domain landelijk) and a regional server (domain vr06)
/// as its leaf node, the leaf link running through a <see cref="TcpProxy"/> so a test can cut it.
/// </summary>
internal sealed class NatsTopology : IDisposable
{
    public const string Password = "knooppunt-test";

    private readonly string _folder = Directory.CreateTempSubdirectory("vr-topologie-").FullName;

    public NatsTopology()
    {
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
        });
        Link = new TcpProxy(leafPort);
        var regionFolder = Directory.CreateDirectory(Path.Combine(_folder, "vr06-log")).FullName;
        var regionPort = NatsServer.FreePort();
        Region = NatsServer.StartWithConfig(Path.Combine(configs, "regio.conf"), regionPort, regionFolder, new Dictionary<string, string>
        {
            ["VR_NATS_NAME"] = "vr06",
            ["VR_NATS_DOMAIN"] = "vr06",
            ["VR_NATS_PORT"] = regionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["VR_NATS_STORE"] = Path.Combine(_folder, "vr06"),
            ["VR_NATS_HUB"] = $"nats-leaf://regio:regio-test@127.0.0.1:{Link.Port}",
            ["VR_NATS_KNOOPPUNT"] = Password,
        });
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
            if (Region.Log().Contains("Leafnode connection created", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The regional server did not connect to the hub: " + Region.Log());
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
