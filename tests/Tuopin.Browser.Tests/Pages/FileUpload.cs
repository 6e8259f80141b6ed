using Microsoft.Playwright;

namespace Tuopin.Browser.Tests.Pages;

/// <summary>
/// Choosing a file in a Blazor <c>InputFile</c>. The component listens for the input's change only once its script has
/// initialised it, after the render that put the input on the page; a file chosen in between is dropped without a
/// trace (the exit procedure journey failed that way on a loaded runner). So the file is set only when the input is
/// ready: Blazor marks an initialised input with <c>_blazorInputFileNextFileId</c>.
/// </summary>
public static class FileUpload
{
    public static async Task SetFileAsync(this ILocator input, FilePayload file)
    {
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        var handle = await input.ElementHandleAsync();
        await input.Page.WaitForFunctionAsync("e => e._blazorInputFileNextFileId !== undefined", handle, new() { Timeout = 30_000 });
        await input.SetInputFilesAsync(file);
    }
}
