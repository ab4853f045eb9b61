import java.util.Collections;
import java.util.List;
import org.apache.ws.security.WSEncryptionPart;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecSignatureConfirmation;
import org.apache.ws.security.message.WSSecTimestamp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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

    /** A response's wsse11:SignatureConfirmation of each request signature value (one without a value when the
     *  request carried none, WSS 1.1 §8.5), each in the header, added to `order` and to the `signed` parts. */
    void confirm(Document doc, List<byte[]> values, List<Element> order, List<WSEncryptionPart> signed) {
        for (byte[] value : values.isEmpty() ? Collections.<byte[]>singletonList(null) : values) {
            WSSecSignatureConfirmation confirmation = new WSSecSignatureConfirmation();
            if (value != null) confirmation.setSignatureValue(value);
            confirmation.prepare(doc);
            header.getSecurityHeader().appendChild(confirmation.getSignatureConfirmationElement());
            order.add(confirmation.getSignatureConfirmationElement());
            signed.add(new WSEncryptionPart(confirmation.getId()));
        }
    }
}
