import java.util.ArrayList;
import java.util.List;
import org.apache.ws.security.WSDataRef;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Reading WSSecurityEngine's results: one result of an action, the parts a result protected, coverage. */
final class PeerResults {
    static WSSecurityEngineResult one(List<WSSecurityEngineResult> results, int action, String what) throws PeerVerify.Rejected {
        WSSecurityEngineResult found = null;
        for (WSSecurityEngineResult r : results) {
            if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) != action) continue;
            if (found != null) throw new PeerVerify.Rejected("more than one " + what.replaceFirst("^an? ", ""));
            found = r;
        }
        if (found == null) throw new PeerVerify.Rejected("the policy demands " + what);
        return found;
    }

    @SuppressWarnings("unchecked")
    static List<WSDataRef> refs(WSSecurityEngineResult result) {
        List<WSDataRef> refs = (List<WSDataRef>) result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
        return refs == null ? new ArrayList<>() : refs;
    }

    /** sp:EncryptSignature, as Rampart's validator: the Signature verified stood encrypted and was decrypted first. */
    static void requireSignatureEncrypted(List<WSDataRef> encryptedRefs, Document doc) throws PeerVerify.Rejected {
        Element signature = (Element) doc.getElementsByTagNameNS(WSConstants.SIG_NS, WSConstants.SIG_LN).item(0);
        if (signature == null) throw new PeerVerify.Rejected("the policy demands an encrypted Signature and there is none");
        requireCovered(encryptedRefs, signature, "the Signature (sp:EncryptSignature)");
    }

    /** The very element, by identity: a protected copy of it moved elsewhere (wrapping) does not count. */
    static void requireCovered(List<WSDataRef> refs, Element element, String what) throws PeerVerify.Rejected {
        if (refs != null) {
            for (WSDataRef ref : refs) if (ref.getProtectedElement() == element) return;
        }
        throw new PeerVerify.Rejected(what + " is not covered as the policy demands");
    }
}
