using System.Globalization;
using System.Text.RegularExpressions;

namespace Vr.Standaarden.Samples.Knooppunt;

/// <summary>The command line of the sample node.</summary>
internal sealed partial class KnooppuntOptions
{
    public const string Usage = """
        Usage: dotnet run --project samples/Knooppunt -- [options]

          --urls <url>             where the API and the portal listen (default http://127.0.0.1:5080)
          --data <folder>          the node's SQLite files; created when missing (default ./knooppunt-data)
          --regio VRnn             a regional node (default VR15); its sample feeds speak for region nn
          --landelijk              the national node: builds its picture from the regional nodes over NATS
          --nats <url>             NATS JetStream: a regional node reads its stream and forwards to the national node
          --bron <subject>         what a national node reads (default vr.landelijk.>, all regions)
          --oin <OIN>              the node's own identity (default: the sample register's node of the region or the nation)
          --trust <anchors.pem>    verify signatures against these anchors; without it unsigned messages are accepted
          --https-cert <pem>       serve HTTPS with this certificate (chain in PEM); give --urls https://...
          --https-key <pem>        the private key of --https-cert (PEM)
          --mtls                   require client certificates chaining to --trust: the OIN in the certificate is the
                                   caller, every read is decided for it by the register, a message only from its source
          --oauth <issuer-url>     accept OAuth 2.0 bearer tokens (JWT, signed ES256/PS256/RS256) of this issuer; the
                                   token's oin claim is the caller (for callers behind a TLS-terminating proxy)
          --audience <aud>         the audience such tokens must name (required with --oauth)
          --oidc <authority-url>   sign people in with OpenID Connect (authorization code with PKCE) at this provider;
                                   the person's oin claim names the organisation they act for
          --oidc-client-id <id>    the node's client id at the provider (required with --oidc)
          --oidc-client-secret <s> the node's client secret, when the provider gave it one
          --register <file>        the recipient register (default: the sample register next to the program)
          --regiogrenzen <file>    a GeoJSON (WGS 84) of the safety regions' outlines for the portal's map (default: the
                                   25 regions of 2025 that ship with the node; CBS, Kadaster via PDOK, CC BY 4.0)
          --no-samples             do not feed the sample data
          --exit-after-samples     feed the samples, print the summary and stop (for scripts)

        Without --mtls, --oauth or --oidc the node has no access control: it listens on a loopback address only (127.0.0.1,
        [::1], localhost) and says "open — alleen lokaal".
        """;

    public Uri Urls { get; private set; } = new("http://127.0.0.1:5080");

    public string Data { get; private set; } = Path.GetFullPath("knooppunt-data");

    public int? Region { get; private set; } = 15;

    public bool National => Region is null;

    public Uri? Nats { get; private set; }

    public string? Source { get; private set; }

    public string? Oin { get; private set; }

    public string? Trust { get; private set; }

    public string Register { get; private set; } = Path.Combine(AppContext.BaseDirectory, "afnemers.json");

    public string? RegionOutlines { get; private set; }

    public bool Samples { get; private set; } = true;

    public string? HttpsCert { get; private set; }

    public string? HttpsKey { get; private set; }

    public bool Mtls { get; private set; }

    public Uri? OAuth { get; private set; }

    public string? Audience { get; private set; }

    public Uri? Oidc { get; private set; }

    public string? OidcClientId { get; private set; }

    public string? OidcClientSecret { get; private set; }

    /// <summary>Whether callers must be known: by a client certificate, or by a token.</summary>
    public bool Secured => Mtls || OAuth is not null || Oidc is not null;

    public bool ExitAfterSamples { get; private set; }

    /// <summary>Whether <c>--help</c> was asked: the usage is printed and nothing else happens.</summary>
    public bool Help { get; private set; }

    /// <summary>The node's name: <c>VRnn</c> or <c>landelijk</c>.</summary>
    public string Name => Region is { } n ? string.Create(CultureInfo.InvariantCulture, $"VR{n:00}") : "landelijk";

    /// <summary>The node's OIN: <c>--oin</c>, or the sample register's node.</summary>
    public string KnooppuntOin => Oin ?? (Region is { } n ? string.Create(CultureInfo.InvariantCulture, $"00000099{n:00}0000000001") : "00000099990000000000");

    /// <summary>The national node's OIN in the sample register.</summary>
    public const string NationalOin = "00000099990000000000";

    public static KnooppuntOptions? Parse(string[] args, TextWriter error)
    {
        var options = new KnooppuntOptions();
        var regionGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{name} needs a value.");
                }

                return args[++i];
            }

            try
            {
                switch (name)
                {
                    case "--urls":
                        options.Urls = Uri.TryCreate(Value(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : throw new ArgumentException("--urls takes an http(s) URL.");
                        break;
                    case "--data":
                        options.Data = Path.GetFullPath(Value());
                        break;
                    case "--regio":
                        var region = RegionPattern().Match(Value());
                        options.Region = region.Success && int.Parse(region.Groups[1].Value, CultureInfo.InvariantCulture) is >= 1 and <= 25 and var number
                            ? number : throw new ArgumentException("--regio takes VR01 to VR25.");
                        regionGiven = true;
                        break;
                    case "--landelijk":
                        options.Region = null;
                        break;
                    case "--nats":
                        options.Nats = Uri.TryCreate(Value(), UriKind.Absolute, out var nats) && nats.Scheme is "nats" or "tls" ? nats : throw new ArgumentException("--nats takes a nats:// URL.");
                        break;
                    case "--bron":
                        options.Source = Value();
                        break;
                    case "--oin":
                        options.Oin = OinPattern().IsMatch(Value()) ? args[i] : throw new ArgumentException("--oin takes an OIN of 20 digits.");
                        break;
                    case "--trust":
                        options.Trust = File.Exists(Value()) ? Path.GetFullPath(args[i]) : throw new ArgumentException($"--trust: {args[i]} does not exist.");
                        break;
                    case "--register":
                        options.Register = File.Exists(Value()) ? Path.GetFullPath(args[i]) : throw new ArgumentException($"--register: {args[i]} does not exist.");
                        break;
                    case "--regiogrenzen":
                        options.RegionOutlines = File.Exists(Value()) ? Path.GetFullPath(args[i]) : throw new ArgumentException($"--regiogrenzen: {args[i]} does not exist.");
                        break;
                    case "--https-cert":
                        options.HttpsCert = File.Exists(Value()) ? Path.GetFullPath(args[i]) : throw new ArgumentException($"--https-cert: {args[i]} does not exist.");
                        break;
                    case "--https-key":
                        options.HttpsKey = File.Exists(Value()) ? Path.GetFullPath(args[i]) : throw new ArgumentException($"--https-key: {args[i]} does not exist.");
                        break;
                    case "--mtls":
                        options.Mtls = true;
                        break;
                    case "--oauth":
                        options.OAuth = Uri.TryCreate(Value(), UriKind.Absolute, out var issuer) && issuer.Scheme is "http" or "https" ? issuer : throw new ArgumentException("--oauth takes the issuer's URL.");
                        break;
                    case "--audience":
                        options.Audience = Value();
                        break;
                    case "--oidc":
                        options.Oidc = Uri.TryCreate(Value(), UriKind.Absolute, out var authority) && authority.Scheme is "http" or "https" ? authority : throw new ArgumentException("--oidc takes the provider's URL.");
                        break;
                    case "--oidc-client-id":
                        options.OidcClientId = Value();
                        break;
                    case "--oidc-client-secret":
                        options.OidcClientSecret = Value();
                        break;
                    case "--no-samples":
                        options.Samples = false;
                        break;
                    case "--exit-after-samples":
                        options.ExitAfterSamples = true;
                        break;
                    case "--help" or "-h":
                        options.Help = true;
                        return options;
                    default:
                        throw new ArgumentException($"Unknown option {name}.");
                }
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"knooppunt: {e.Message}");
                error.WriteLine(Usage);
                return null;
            }
        }

        if ((options.HttpsCert is null) != (options.HttpsKey is null))
        {
            error.WriteLine("knooppunt: --https-cert and --https-key go together.");
            return null;
        }

        if ((options.HttpsCert is not null) != (options.Urls.Scheme == "https"))
        {
            error.WriteLine(options.HttpsCert is null ? "knooppunt: an https:// address in --urls needs --https-cert and --https-key." : "knooppunt: with --https-cert, give an https:// address in --urls.");
            return null;
        }

        if (options.Mtls && (options.Trust is null || options.HttpsCert is null))
        {
            error.WriteLine("knooppunt: --mtls needs --trust (the anchors client certificates chain to) and --https-cert/--https-key.");
            return null;
        }

        if ((options.OAuth is null) != (options.Audience is null))
        {
            error.WriteLine("knooppunt: --oauth and --audience go together.");
            return null;
        }

        if ((options.Oidc is null) != (options.OidcClientId is null) || (options.OidcClientSecret is not null && options.Oidc is null))
        {
            error.WriteLine("knooppunt: --oidc needs --oidc-client-id (and --oidc-client-secret goes with them).");
            return null;
        }

        if (options.Oidc is { Scheme: "http" } plainProvider && !IsLoopback(plainProvider))
        {
            error.WriteLine("knooppunt: --oidc needs an https:// provider (plain http only on loopback, for tests).");
            return null;
        }

        if (options.OAuth is { Scheme: "http" } plain && !IsLoopback(plain))
        {
            error.WriteLine("knooppunt: --oauth needs an https:// issuer (plain http only on loopback, for tests).");
            return null;
        }

        if (!options.Secured && !IsLoopback(options.Urls))
        {
            error.WriteLine($"knooppunt: {options.Urls.Host} is not a loopback address, and without access control the node listens on loopback only. Give --mtls (with --https-cert, --https-key and --trust), --oauth with --audience, or --oidc with --oidc-client-id, or --urls http://127.0.0.1:<port>.");
            return null;
        }

        if (regionGiven && options.National)
        {
            error.WriteLine("knooppunt: --regio and --landelijk exclude each other.");
            return null;
        }

        if (options.National && options.Nats is null)
        {
            error.WriteLine("knooppunt: --landelijk reads the regional nodes over NATS: give --nats.");
            return null;
        }

        if (options.Source is not null && !options.National)
        {
            error.WriteLine("knooppunt: --bron is what a national node reads: give --landelijk.");
            return null;
        }

        return options;
    }

    /// <summary>Whether <paramref name="url"/> names a loopback host (an address, or localhost).</summary>
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    [GeneratedRegex("^VR([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex OinPattern();
}
