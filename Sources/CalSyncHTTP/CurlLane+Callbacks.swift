import CCurl

// libcurl callbacks. They are `@convention(c)`, so they capture nothing: the context is the
// `CurlResponseAccumulator` passed (unretained) through WRITEDATA / HEADERDATA / XFERINFODATA.
// The lane keeps the accumulator alive for the whole `curl_easy_perform`. They run on the lane's queue.

/// CURLOPT_WRITEFUNCTION: a chunk of response body. Returning less than offered aborts the transfer.
let curlWriteCallback: ccurl_data_callback = { pointer, size, count, context in
    let length = size * count
    guard length > 0 else { return 0 }
    guard let pointer, let context else { return 0 }
    let accumulator = Unmanaged<CurlResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
    accumulator.appendBody(UnsafeRawBufferPointer(start: pointer, count: length))
    return length
}

/// CURLOPT_HEADERFUNCTION: exactly one complete header line (status line, field or blank line).
let curlHeaderCallback: ccurl_data_callback = { pointer, size, count, context in
    let length = size * count
    guard length > 0 else { return 0 }
    guard let pointer, let context else { return 0 }
    let accumulator = Unmanaged<CurlResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
    accumulator.appendHeaderLine(UnsafeRawBufferPointer(start: pointer, count: length))
    return length
}

/// CURLOPT_XFERINFOFUNCTION: called regularly during the transfer; non-zero aborts it
/// (`CURLE_ABORTED_BY_CALLBACK`), which is how task cancellation reaches a blocked perform.
let curlProgressCallback: ccurl_xferinfo_callback = { context, _, _, _, _ in
    guard let context else { return 0 }
    let accumulator = Unmanaged<CurlResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
    return accumulator.cancellation.isCancelled ? 1 : 0
}
