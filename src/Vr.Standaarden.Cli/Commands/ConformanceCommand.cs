using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr conformance &lt;base-url&gt; --role knooppunt|bron|afnemer [--release &lt;r&gt;] [--client-cert &lt;pem&gt; --client-key &lt;pem&gt;]
/// [--report json|junit|text] [-o &lt;file&gt;]</c>: the conformance kit against a live system.
/// </summary>
internal static class ConformanceCommand
{
    private const int Conformant = 0, NotConformant = 1;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var url = new Argument<string>("base-url") { Description = "The system's base URL, without /v1 (http(s)://host:port)." };
        var role = new Option<string>("--role") { Description = "The role the system plays: knooppunt, bron or afnemer.", Required = true };
        role.AcceptOnlyFromAmong("knooppunt", "bron", "afnemer");
        var release = new Option<string?>("--release") { Description = "The release to check against (1.2); the newest this tool carries by default." };
        var clientCert = new Option<string?>("--client-cert") { Description = "The organisation's certificate (PEM, with its chain): presented in TLS and used to sign the kit's messages, as urn:nld:oin:<OIN>:systeem:conformance. Without it messages go unsigned and the checks that need a trusted signature are skipped." };
        var clientKey = new Option<string?>("--client-key") { Description = "The private key (PEM) of --client-cert." };
        var report = new Option<string>("--report") { Description = "text (the default), json or junit.", DefaultValueFactory = _ => "text" };
        report.AcceptOnlyFromAmong("text", "json", "junit");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var command = new Command("conformance", "Run the conformance kit against a live system: every check that applies to its role (the release's valid examples accepted, its invalid examples refused at the right place, signatures, duplicates, oversized, mistyped and non-UTF-8 bodies, the sharing policy, terugmeldingen, the release's contract matched by the answers). Each check has an id, the requirement it tests in spec/conformance.md, and pass, fail or skip. Exit code 0: none failed; 1: any failed; 2: usage error or the system cannot be reached.")
        {
            url, role, release, clientCert, clientKey, report, output,
        };
        command.SetAction(async (parse, cancellation) => await RunAsync(
            parse.GetValue(url)!, parse.GetValue(role)!, parse.GetValue(release), parse.GetValue(clientCert), parse.GetValue(clientKey),
            parse.GetValue(report)!, parse.GetValue(output), stdout, stderr, cancellation).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string url, string roleName, string? releaseName, string? certPath, string? keyPath, string format, string? output, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var system) || system.Scheme is not ("http" or "https"))
        {
            stderr.WriteLine($"vr conformance: '{url}' is not an http(s) URL.");
            return Program.UsageError;
        }

        if ((certPath is null) != (keyPath is null))
        {
            stderr.WriteLine("vr conformance: --client-cert and --client-key go together.");
            return Program.UsageError;
        }

        StandardRelease? release = null;
        if (releaseName is not null && !Standard.TryGetRelease(releaseName, out release))
        {
            stderr.WriteLine($"vr conformance: this tool carries no release '{releaseName}' ({string.Join(", ", Standard.Releases.Select(r => r.Name))}).");
            return Program.UsageError;
        }

        var options = new ConformanceOptions { Release = release };
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        if (certPath is not null)
        {
            try
            {
                var certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
                var all = new X509Certificate2Collection();
                all.ImportFromPemFile(certPath);
                options.Certificate = certificate;
                foreach (var issuer in all.Where(c => c.Thumbprint != certificate.Thumbprint))
                {
                    options.Chain.Add(issuer);
                }

                handler.ClientCertificates.Add(certificate);
            }
            catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vr conformance: the client certificate cannot be read: {e.Message}");
                return Program.UsageError;
            }
        }

        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var role = roleName switch { "knooppunt" => ConformanceRole.Knooppunt, "bron" => ConformanceRole.Bron, _ => ConformanceRole.Afnemer };
        ConformanceReport result;
        try
        {
            result = await new ConformanceKit(client, options).RunAsync(system, role, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            stderr.WriteLine($"vr conformance: {system} cannot be reached: {e.Message}");
            return Program.UsageError;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"vr conformance: {e.Message}");
            return Program.UsageError;
        }

        var text = format switch { "json" => result.ToJson(), "junit" => result.ToJUnit(), _ => result.ToText() };
        if (output is null)
        {
            stdout.Write(text);
        }
        else
        {
            await File.WriteAllTextAsync(output, text, new UTF8Encoding(false), cancellation).ConfigureAwait(false);
            stdout.WriteLine($"vr conformance: {result.Passed} passed, {result.Failed} failed, {result.Skipped} skipped; report in {output}");
        }

        return result.Failed == 0 ? Conformant : NotConformant;
    }
}
