import CZeroMQ

/// A libzmq call that failed, with libzmq's explanation.
package struct ZeroMQError: Error, CustomStringConvertible {
    /// What failed and why.
    package var description: String

    /// The error libzmq reports for the last failed call.
    static func last(_ operation: String) -> ZeroMQError {
        ZeroMQError(description: "\(operation): \(String(cString: zmq_strerror(zmq_errno())))")
    }
}
