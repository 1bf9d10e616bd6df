using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr sign --key &lt;pem&gt; --cert &lt;pem-chain&gt; &lt;message.json&gt;</c> and <c>vr verify --trust &lt;anchors.pem&gt;
/// &lt;message.json&gt;...</c>: the envelope's jws.
/// </summary>
internal static class SignCommands
{
    public static Command Sign(Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var key = new Option<string>("--key") { Description = "The private key (PEM: PKCS #8, SEC 1 or PKCS #1; ECDSA P-256 or RSA of 2048 bits or more).", Required = true };
        var cert = new Option<string>("--cert") { Description = "The certificate chain (PEM), leaf first; the leaf's subject serialNumber is the sender's OIN.", Required = true };
        var alg = new Option<string?>("--alg") { Description = "ES256 (EC keys, the default), PS256 (RSA, the default) or RS256." };
        alg.AcceptOnlyFromAmong("ES256", "PS256", "RS256");
        var output = new Option<string?>("--output", "-o") { Description = "Write the signed message to this file instead of standard output." };
        var message = new Argument<string>("message.json") { Description = "The message to sign; - reads standard input." };
        var command = new Command("sign", "Sign a message: set its jws, a compact JWS with detached payload over the RFC 8785 form of the message without jws, with the certificate chain in x5c. Exit code 0: signed; 1: the message cannot be signed (not I-JSON, said where); 2: usage error or unusable key or certificate.")
        {
            key, cert, alg, output, message,
        };
        command.SetAction(parse => RunSign(parse.GetValue(key)!, parse.GetValue(cert)!, parse.GetValue(alg), parse.GetValue(output), parse.GetValue(message)!, stdin, stdout, stderr));
        return command;
    }

    public static Command Verify(Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var trust = new Option<string?>("--trust") { Description = "The trust anchors (PEM, one or more root certificates) a chain in x5c must lead to." };
        var jwks = new Option<string?>("--jwks") { Description = "A trust list for signatures with a kid: {\"<OIN>\": {\"keys\": [<JWK>...]}}." };
        var at = new Option<string?>("--at") { Description = "Judge the certificates' validity at this moment (RFC 3339, such as 2025-03-01T12:00:00Z) instead of now, for an audit; never at the message's own time." };
        var messages = new Argument<string[]>("message.json") { Description = "Messages to verify; - reads standard input.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("verify", "Verify the jws of messages: signature, certificate chain to a trust anchor valid now (or at --at) (or kid in the trust list), and the OIN of the key equal to the OIN in source. Prints '<path>: verified <OIN>' or '<path>: refused <code> <reason>'. Exit code 0: all verified; 1: any refused; 2: usage error.")
        {
            trust, jwks, at, messages,
        };
        command.SetAction(parse => RunVerify(parse.GetValue(trust), parse.GetValue(jwks), parse.GetValue(at), parse.GetValue(messages)!, stdin, stdout, stderr));
        return command;
    }

    private static int RunSign(string keyFile, string certFile, string? alg, string? output, string file, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        MessageSigner signer;
        try
        {
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(File.ReadAllText(certFile));
            if (chain.Count == 0)
            {
                stderr.WriteLine($"vr sign: {certFile} holds no certificate (PEM).");
                return Program.UsageError;
            }

            var pem = File.ReadAllText(keyFile);
            AsymmetricAlgorithm key = pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal) || IsRsa(pem) ? RsaFrom(pem) : EcFrom(pem);
            var leaf = key switch
            {
                ECDsa ec => chain[0].CopyWithPrivateKey(ec),
                RSA rsa => chain[0].CopyWithPrivateKey(rsa),
                _ => throw new CryptographicException("unsupported key"),
            };
            signer = new MessageSigner(leaf, chain.Skip(1), alg is null ? null : Enum.Parse<SigningAlgorithm>(alg));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            stderr.WriteLine($"vr sign: {ex.Message}");
            return Program.UsageError;
        }

        byte[]? bytes;
        try
        {
            bytes = ValidateCommand.ReadInstance(file, stdin, InputLimits.Default.MaxBytes, out var length);
            if (bytes is null)
            {
                stderr.WriteLine($"{file}: {JsonInput.CheckSize(length, InputLimits.Default.MaxBytes)!.Text.English}");
                return 1;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vr sign: {ex.Message}");
            return Program.UsageError;
        }

        try
        {
            var signed = signer.Sign(bytes);
            if (output is null)
            {
                stdout.WriteLine(System.Text.Encoding.UTF8.GetString(signed));
            }
            else
            {
                File.WriteAllBytes(output, [.. signed, (byte)'\n']);
            }

            return 0;
        }
        catch (CanonicalizationException ex)
        {
            stderr.WriteLine($"{file}: {ex.Message}");
            return 1;
        }
    }

    private static int RunVerify(string? trust, string? jwks, string? at, string[] files, Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var options = new VerifierOptions();
        if (at is not null)
        {
            if (!Rfc3339.TryParse(at, out var moment))
            {
                stderr.WriteLine($"vr verify: --at '{at}' is not an RFC 3339 date-time with an offset (such as 2025-03-01T12:00:00Z).");
                return Program.UsageError;
            }

            options.At = moment;
        }

        try
        {
            if (trust is null && jwks is null)
            {
                stderr.WriteLine("vr verify: give --trust <anchors.pem> or --jwks <trust-list.json> (or both).");
                return Program.UsageError;
            }

            if (trust is not null)
            {
                options.TrustAnchors.ImportFromPem(File.ReadAllText(trust));
                if (options.TrustAnchors.Count == 0)
                {
                    stderr.WriteLine($"vr verify: {trust} holds no certificate (PEM).");
                    return Program.UsageError;
                }
            }

            if (jwks is not null)
            {
                options.TrustList = TrustList.Parse(File.ReadAllBytes(jwks));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or FormatException)
        {
            stderr.WriteLine($"vr verify: {ex.Message}");
            return Program.UsageError;
        }

        var verifier = new MessageVerifier(options);
        var exit = 0;
        foreach (var file in files)
        {
            byte[]? bytes;
            try
            {
                bytes = ValidateCommand.ReadInstance(file, stdin, InputLimits.Default.MaxBytes, out _);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vr verify: {ex.Message}");
                return Program.UsageError;
            }

            var result = bytes is null
                ? null
                : verifier.Verify(bytes);
            if (result is { IsVerified: true })
            {
                stdout.WriteLine($"{file}: verified {result.Oin}");
            }
            else
            {
                stdout.WriteLine(result is null
                    ? $"{file}: refused {SignatureCodes.NotCanonical} The message is larger than {InputLimits.Default.MaxBytes} bytes."
                    : $"{file}: refused {result.Code} {result.Reason!.English}");
                exit = 1;
            }
        }

        return exit;
    }

    private static bool IsRsa(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private static RSA RsaFrom(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static ECDsa EcFrom(string pem)
    {
        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return ec;
    }
}
