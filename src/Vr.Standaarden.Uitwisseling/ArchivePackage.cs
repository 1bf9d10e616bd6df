using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>
/// A package for the archive holder: a folder <c>archief-&lt;moment&gt;/</c> with <c>berichten/&lt;sha256&gt;.json</c> (each
/// message byte for byte as it was received, its <c>jws</c> included), <c>ketens/&lt;sha256&gt;.pem</c> (the certificate
/// chain of each signature, from its <c>x5c</c>), and <c>manifest.json</c>: the format, the moment, and per message its
/// file, <c>source</c>, <c>id</c>, <c>time</c>, the SHA-256 of its bytes and its chain file, plus the SHA-256 over all entries.
/// </summary>
public sealed class ArchivePackage
{
    /// <summary>The manifest's <c>formaat</c>.</summary>
    public const string Format = "vr-standaarden-archief/1";

    private ArchivePackage(string folder, int count)
    {
        Folder = folder;
        Count = count;
    }

    /// <summary>The package's folder.</summary>
    public string Folder { get; }

    /// <summary>How many messages it holds.</summary>
    public int Count { get; }

    internal static ArchivePackage Write(string archiveFolder, IReadOnlyList<StoredMessage> messages, DateTimeOffset now)
    {
        var folder = Path.Combine(archiveFolder, "archief-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(folder, "berichten"));
        Directory.CreateDirectory(Path.Combine(folder, "ketens"));
        var entries = new List<(string File, string Source, string Id, string Time, string Sha, string? Chain)>();
        foreach (var message in messages)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(message.Utf8));
            var file = $"berichten/{sha}.json";
            File.WriteAllBytes(Path.Combine(folder, file), message.Utf8);
            string? chainFile = null;
            if (ChainOf(message.Utf8) is { } pem)
            {
                chainFile = $"ketens/{Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(pem)))}.pem";
                File.WriteAllText(Path.Combine(folder, chainFile), pem);
            }

            entries.Add((file, message.Source, message.Id, message.Time.ToString("O", CultureInfo.InvariantCulture), sha, chainFile));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("formaat", Format);
            writer.WriteString("aangemaakt", now.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteNumber("aantal", entries.Count);
            writer.WriteString("sha256", Total(entries.Select(e => e.Sha)));
            writer.WriteStartArray("berichten");
            foreach (var e in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("bestand", e.File);
                writer.WriteString("source", e.Source);
                writer.WriteString("id", e.Id);
                writer.WriteString("time", e.Time);
                writer.WriteString("sha256", e.Sha);
                if (e.Chain is not null)
                {
                    writer.WriteString("keten", e.Chain);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), buffer.ToArray());
        return new ArchivePackage(folder, entries.Count);
    }

    /// <summary>
    /// Checks a package: the manifest reads, every file it names is there with its SHA-256, every chain file is the
    /// chain in the message's <c>x5c</c>, the total hash and count hold, and no message file is there that the manifest
    /// does not name.
    /// </summary>
    public static ArchiveVerification Verify(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var problems = new List<string>();
        var manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            return new ArchiveVerification(0, ["manifest.json is missing."]);
        }

        JsonElement manifest;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            manifest = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return new ArchiveVerification(0, [$"manifest.json is not JSON: {ex.Message}"]);
        }

        if (!manifest.TryGetProperty("formaat", out var format) || format.GetString() != Format || !manifest.TryGetProperty("berichten", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return new ArchiveVerification(0, [$"manifest.json is not a manifest of {Format}."]);
        }

        var named = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new List<string>();
        var i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var at = $"/berichten/{i++}";
            var file = entry.TryGetProperty("bestand", out var f) ? f.GetString() ?? "" : "";
            var sha = entry.TryGetProperty("sha256", out var h) ? h.GetString() ?? "" : "";
            hashes.Add(sha);
            named.Add(file);
            var path = Path.Combine(folder, file);
            if (file.Length == 0 || file.Contains("..", StringComparison.Ordinal) || !File.Exists(path))
            {
                problems.Add($"{at}: {file} is missing.");
                continue;
            }

            var bytes = File.ReadAllBytes(path);
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != sha)
            {
                problems.Add($"{at}: {file} has been changed (its SHA-256 is not the manifest's).");
                continue;
            }

            var chain = ChainOf(bytes);
            var chainFile = entry.TryGetProperty("keten", out var k) ? k.GetString() : null;
            if (chain is not null && (chainFile is null || !File.Exists(Path.Combine(folder, chainFile)) || File.ReadAllText(Path.Combine(folder, chainFile)) != chain))
            {
                problems.Add($"{at}: the certificate chain of {file} is missing or changed ({chainFile ?? "not named"}).");
            }
        }

        if (!manifest.TryGetProperty("aantal", out var count) || count.GetInt32() != hashes.Count)
        {
            problems.Add($"/aantal: the manifest names {hashes.Count} messages, not {(manifest.TryGetProperty("aantal", out var c) ? c.ToString() : "a count")}.");
        }

        if (!manifest.TryGetProperty("sha256", out var total) || total.GetString() != Total(hashes))
        {
            problems.Add("/sha256: the total over the entries does not hold: an entry was changed, added or removed.");
        }

        var berichten = Path.Combine(folder, "berichten");
        foreach (var extra in Directory.Exists(berichten) ? Directory.GetFiles(berichten).Select(p => "berichten/" + Path.GetFileName(p)).Where(p => !named.Contains(p)) : [])
        {
            problems.Add($"{extra} is in the package but not in the manifest.");
        }

        return new ArchiveVerification(hashes.Count, problems);
    }

    private static string Total(IEnumerable<string> hashes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join("\n", hashes))));

    // The x5c of the message's jws as PEM, leaf first, or null.
    private static string? ChainOf(byte[] message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            if (!document.RootElement.TryGetProperty("jws", out var jws) || jws.GetString() is not { } text)
            {
                return null;
            }

            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(text.Split('.')[0]));
            if (!header.RootElement.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return string.Concat(x5c.EnumerateArray().Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.GetString()!)).ExportCertificatePem() + "\n"));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or CryptographicException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>The outcome of checking an archive package.</summary>
/// <param name="Messages">How many messages the manifest names.</param>
/// <param name="Problems">What is missing or changed, each with where; empty when the package is complete and untampered.</param>
public sealed record ArchiveVerification(int Messages, IReadOnlyList<string> Problems)
{
    /// <summary>Whether the package is complete and untampered.</summary>
    public bool IsIntact => Problems.Count == 0;
}
