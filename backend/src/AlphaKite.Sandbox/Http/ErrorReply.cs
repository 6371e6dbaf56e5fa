using System.Net;
using Microsoft.AspNetCore.Http;

namespace AlphaKite.Sandbox.Http;

/// <summary>Schwab's market-data error bodies: <c>{"errors":[{id,status,title,detail,source}]}</c>, or the edge's HTML page.</summary>
internal static class ErrorReply
{
    /// <summary>
    /// Writes one error. Schwab's <c>status</c> is sometimes a number and sometimes a string;
    /// <paramref name="statusAsString"/> picks which, so clients meet both.
    /// </summary>
    public static Task Send(
        HttpContext context,
        SandboxFaults faults,
        int status,
        string? detail,
        bool statusAsString = false,
        string? parameter = null)
    {
        if (faults.HtmlErrors)
        {
            return Reply.Text(context, faults, status, "text/html", AccessDeniedPage(context));
        }

        return Reply.Json(context, faults, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("id", Guid.NewGuid().ToString());
            if (statusAsString)
            {
                w.WriteString("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNumber("status", status);
            }

            w.WriteString("title", Title(status));
            if (detail is not null)
            {
                w.WriteString("detail", detail);
            }

            if (parameter is not null)
            {
                w.WriteStartObject("source");
                w.WriteString("parameter", parameter);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static Task Unauthorized(HttpContext context, SandboxFaults faults) =>
        Send(context, faults, StatusCodes.Status401Unauthorized, "Client not authorized");

    public static Task BadParameter(HttpContext context, SandboxFaults faults, string parameter, string detail) =>
        Send(context, faults, StatusCodes.Status400BadRequest, detail, statusAsString: true, parameter: parameter);

    /// <summary>A forced 5xx: 502 comes as plain text, as gateways send it during incidents.</summary>
    public static Task ServerError(HttpContext context, SandboxFaults faults, int status) =>
        status == StatusCodes.Status502BadGateway && !faults.HtmlErrors
            ? Reply.Text(context, faults, status, "text/plain", "Bad Gateway")
            : Send(context, faults, status, status == 503 ? "The service is temporarily unavailable" : null);

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    };

    // Modelled on the edge network's denial page that Schwab users report seeing during incidents.
    private static string AccessDeniedPage(HttpContext context) =>
        "<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \n" +
        $"You don't have permission to access \"{WebUtility.HtmlEncode(context.Request.Path.Value)}\" on this server.<P>\n" +
        $"Reference&#32;&#35;18&#46;{Guid.NewGuid():N}\n</BODY>\n</HTML>\n";
}
