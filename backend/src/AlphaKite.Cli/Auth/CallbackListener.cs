using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AlphaKite.Cli.Auth;

/// <summary>
/// Receives Schwab's redirect on the callback's host and port over HTTPS, with a self-signed
/// certificate made in-process (the browser warns once; accept it for this local address).
/// </summary>
public static class CallbackListener
{
    /// <returns>The full redirected URL (callback + query), once a request with a code or an error arrives.</returns>
    public static async Task<string> WaitForRedirectAsync(Uri callback, Action<Uri>? onListening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var certificate = SelfSigned(callback.Host);
        var builder = WebApplication.CreateSlimBuilder();
        // Kestrel's own logging could print request lines; the query holds the code.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
            k.Listen(Address(callback.Host), callback.Port, l => l.UseHttps(certificate)));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            var query = context.Request.QueryString.Value ?? string.Empty;
            if (!context.Request.Query.ContainsKey("code") && !context.Request.Query.ContainsKey("error"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await context.Response.WriteAsync("AlphaKite received the Schwab login. You can close this tab.", context.RequestAborted);
            received.TrySetResult(callback.GetLeftPart(UriPartial.Path) + query);
        });

        await app.StartAsync(cancellationToken);
        onListening?.Invoke(callback);
        try
        {
            return await received.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static IPAddress Address(string host) =>
        IPAddress.TryParse(host, out var ip) ? ip : IPAddress.Loopback;

    private static X509Certificate2 SelfSigned(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        if (IPAddress.TryParse(host, out var ip))
        {
            names.AddIpAddress(ip);
        }
        else
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Kestrel on Linux needs the private key in an exportable, loaded form.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}
