import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecTimestamp;
import org.w3c.dom.Document;

/** How every message the peer secures starts, as Rampart's builders start it: a Security header that must be
 *  understood, holding a Timestamp that lives 300 s (the scenarios' timestampTTL). */
final class PeerHeader {
    final WSSecHeader header = new WSSecHeader();
    final WSSecTimestamp timestamp = new WSSecTimestamp();

    PeerHeader(Document doc) throws WSSecurityException {
        header.setMustUnderstand(true);
        header.insertSecurityHeader(doc);
        timestamp.setTimeToLive(300);
        timestamp.build(doc, header);
    }
}
